import type { PlatformActor } from '../platform-fact';
import { isPlainObject } from './formats';

/**
 * The actor as the tracker matches it: by account, then by email. An actor known only by
 * mbox_sha1sum or openid, or an anonymous Group, cannot be matched to a student.
 */
export function statementActor(actor: unknown): PlatformActor | undefined {
  if (!isPlainObject(actor)) return undefined;
  const account = actor.account;
  if (isPlainObject(account) && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return { account: { homePage: account.homePage, name: account.name } };
  }
  if (typeof actor.mbox === 'string' && actor.mbox.startsWith('mailto:')) return { email: actor.mbox.slice('mailto:'.length) };
  return undefined;
}
