/** One reason a statement breaks the xAPI 1.0.3 data model, at a property path like `actor.mbox`. */
export interface XapiProblem {
  path: string;
  message: string;
}

export type Report = (path: string, message: string) => void;

export const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Keys are case-sensitive in xAPI, so `Actor` is an unknown property, not the actor. */
export function allowOnly(value: Record<string, unknown>, allowed: readonly string[], path: string, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) report(at(path, key), 'is not a property xAPI allows here');
  }
}
