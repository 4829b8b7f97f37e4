import { digestHex } from '../shared/signatures';
import { canonicalJson } from './canonical-json';

/** What the LRS sets or a client may vary between copies of one statement. */
const NOT_CONTENT = new Set(['id', 'stored', 'authority']);

/**
 * A sha256 of the whole statement but its `id`, `stored` and `authority`, with keys in one order.
 * Clients that never send ids (Moodle's logstore_xapi, BigBlueButton's xAPI module) resend a
 * batch whole after a failure, and the LRS gives each copy a fresh id: the attendance fact of a
 * statement is keyed by this, so a resend does not count twice, while two statements that differ
 * in anything else (their context, a result) are two facts.
 */
export function statementFingerprint(statement: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(statement).filter(([key]) => !NOT_CONTENT.has(key)));
  return digestHex('sha256', canonicalJson(content));
}
