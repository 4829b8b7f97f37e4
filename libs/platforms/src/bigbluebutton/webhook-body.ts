/** What one form POST to the BigBlueButton route holds. */
export type BbbWebhookBody =
  | { kind: 'events'; events: unknown[] }
  | { kind: 'recording-ready'; signedParameters: string };

/** Reads `domain=…&event=[…]&timestamp=…` (bbb-webhooks) or `signed_parameters=…` (recording ready). */
export function readBbbWebhookBody(rawBody: string | Buffer): BbbWebhookBody {
  const form = new URLSearchParams(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  const signedParameters = form.get('signed_parameters');
  if (signedParameters) return { kind: 'recording-ready', signedParameters };
  const event = form.get('event');
  if (event === null) throw new Error('the BigBlueButton webhook body has no "event" field');
  let parsed: unknown;
  try {
    parsed = JSON.parse(event);
  } catch {
    throw new Error('the "event" field of the BigBlueButton webhook is not JSON');
  }
  // The code has wrapped the event in an array since 2018; the older docs show a bare object.
  return { kind: 'events', events: Array.isArray(parsed) ? parsed : [parsed] };
}
