import { safeEqual, SignatureError } from '../shared/signatures';

/**
 * The local_webhooks plugin authenticates only by a plain `token` inside the JSON body (no
 * header, no HMAC). Answers the parsed body once the token matches MOODLE_WEBHOOK_TOKEN.
 */
export function verifyMoodleToken(body: string, expectedToken: string): Record<string, unknown> {
  if (!expectedToken) throw new SignatureError('no Moodle webhook token is configured');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('the Moodle webhook body is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('the Moodle webhook body must be a JSON object');
  const { token } = json as Record<string, unknown>;
  if (typeof token !== 'string' || token === '') throw new SignatureError('the Moodle webhook body carries no token');
  if (!safeEqual(token, expectedToken)) throw new SignatureError('bad Moodle webhook token');
  return json as Record<string, unknown>;
}
