import { digestHex } from '../shared/signatures';
import { canonicalJson } from './canonical-json';
import { isPlainObject, isTimestamp, timestampMs } from './formats';

const IDENTITY_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account', 'member'];

/**
 * A sha256 of what makes a statement the same experience: actor, verb, object, timestamp and
 * result. Statements without an id (Moodle's logstore_xapi, BigBlueButton's xAPI module) are
 * resent whole after a failure, so a resend must get the same fingerprint; display names,
 * definitions and key order are left out because they do not change who did what when.
 */
export function statementFingerprint(statement: Record<string, unknown>): string {
  const verb = isPlainObject(statement.verb) ? statement.verb.id : undefined;
  const canonical = {
    actor: identityOf(statement.actor),
    verb,
    object: objectIdentity(statement.object),
    timestamp: isTimestamp(statement.timestamp) ? new Date(timestampMs(statement.timestamp)).toISOString() : statement.timestamp,
    result: statement.result,
  };
  return digestHex('sha256', canonicalJson(canonical));
}

function identityOf(actor: unknown): unknown {
  if (!isPlainObject(actor)) return actor;
  const identity: Record<string, unknown> = { objectType: actor.objectType ?? 'Agent' };
  for (const key of IDENTITY_KEYS) if (actor[key] !== undefined) identity[key] = actor[key];
  if (Array.isArray(actor.member)) identity.member = actor.member.map(identityOf);
  return identity;
}

/** An Activity or StatementRef is its id; an Agent its identifiers; a SubStatement its whole content. */
function objectIdentity(object: unknown): unknown {
  if (!isPlainObject(object)) return object;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity' || type === 'StatementRef') return { objectType: type, id: object.id };
  if (type === 'Agent' || type === 'Group') return identityOf(object);
  return object;
}
