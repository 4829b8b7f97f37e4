/** A command that the section's state refuses; the HTTP layer maps `kind` to a status code. */
export class SectionRuleViolation extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'unprocessable' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'SectionRuleViolation';
  }
}
