import type { PlatformFact } from '../platform-fact';

export type PresenceType = 'virtual-class.joined' | 'virtual-class.left';

export interface BbbPresence {
  /** Keys the fact id: the external meeting id repeats across sessions of the same room. */
  internalMeetingId: string;
  /** The external meeting id (what items link to), or the internal one when it is not known. */
  activity: string;
  /** The internal user id: one per connection, so a reconnect is a distinct fact. */
  connectionId: string;
  /** The external user id passed to join (what students' identities hold). */
  userId: string;
  type: PresenceType;
  atMs: number;
}

/** The id is the dedupe key README §1.1 recommends, so a redelivered event gets the same id. */
export function bbbPresenceFact(presence: BbbPresence): PlatformFact {
  if (!Number.isFinite(presence.atMs)) throw new Error(`BigBlueButton ${presence.type} event has no valid timestamp`);
  return {
    id: `bbb:${presence.internalMeetingId}:${presence.connectionId}:${presence.type}:${presence.atMs}`,
    type: presence.type,
    occurredAt: new Date(presence.atMs).toISOString(),
    platform: 'bigbluebutton',
    activity: presence.activity,
    actor: { userId: presence.userId },
  };
}
