import { BbbTranslation, emptyBbbTranslation, ignoredReason } from './bbb-translation';
import { meetingActivity } from './meeting-ids';
import { bbbPresenceFact, PresenceType } from './presence-fact';

/** An akka-apps message as published on redis (hooks created with getRaw=true). */
export interface BbbRawEvent {
  envelope?: { name?: string; routing?: { meetingId?: string; userId?: string }; timestamp?: number };
  core?: { header?: { name?: string; meetingId?: string; userId?: string }; body?: { intId?: string; extId?: string; meetingId?: string } };
}

const PRESENCE: Record<string, PresenceType> = {
  UserJoinedMeetingEvtMsg: 'virtual-class.joined',
  UserLeftMeetingEvtMsg: 'virtual-class.left',
};
/** bbb-webhooks maps MeetingDestroyedEvtMsg to meeting-ended. */
const MEETING_ENDED = 'MeetingDestroyedEvtMsg';

export const isRawEvent = (event: unknown): event is BbbRawEvent => typeof (event as BbbRawEvent)?.envelope?.name === 'string';

/**
 * Raw messages carry BBB's own time (`envelope.timestamp`) but never the external meeting id,
 * and a leave carries only the internal user id: the external ids come from what the caller knows.
 */
export function translateRawEvent(event: BbbRawEvent, knownExternalMeetingIds: readonly string[]): BbbTranslation {
  const name = event.envelope!.name!;
  const translation = emptyBbbTranslation();
  const type = PRESENCE[name];
  if (!type && name !== MEETING_ENDED) {
    translation.ignored.push({ event: name, reason: ignoredReason(name) });
    return translation;
  }
  const internalMeetingId = event.envelope?.routing?.meetingId ?? event.core?.header?.meetingId ?? event.core?.body?.meetingId;
  if (!internalMeetingId) throw new Error(`BigBlueButton raw ${name} has no meeting id`);
  const activity = meetingActivity(internalMeetingId, undefined, knownExternalMeetingIds);
  const atMs = Number(event.envelope?.timestamp);

  if (name === MEETING_ENDED) {
    if (!Number.isFinite(atMs)) throw new Error(`BigBlueButton raw ${name} has no valid timestamp`);
    translation.meetingsEnded.push({ activity, internalMeetingId, endedAt: new Date(atMs).toISOString() });
    translation.ignored.push({ event: name, reason: 'no roster in a meeting-ended event: close the intervals still open with closeOpenIntervals' });
    return translation;
  }
  const connectionId = event.core?.header?.userId ?? event.core?.body?.intId ?? event.envelope?.routing?.userId;
  if (!connectionId) throw new Error(`BigBlueButton raw ${name} has no user id`);
  const userId = event.core?.body?.extId || connectionId;
  translation.facts.push(bbbPresenceFact({ internalMeetingId, activity, connectionId, userId, type, atMs }));
  return translation;
}
