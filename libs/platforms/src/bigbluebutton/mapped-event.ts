import { BbbTranslation, emptyBbbTranslation, ignoredReason } from './bbb-translation';
import { meetingActivity } from './meeting-ids';
import { bbbPresenceFact, PresenceType } from './presence-fact';

/** A bbb-webhooks event as mapped by `src/process/event.js` (hooks created without getRaw). */
export interface BbbMappedEvent {
  data?: {
    id?: string;
    attributes?: {
      meeting?: { 'internal-meeting-id'?: string; 'external-meeting-id'?: string };
      user?: { 'internal-user-id'?: string; 'external-user-id'?: string };
    };
    event?: { ts?: number };
  };
}

const PRESENCE: Record<string, PresenceType> = { 'user-joined': 'virtual-class.joined', 'user-left': 'virtual-class.left' };

export const isMappedEvent = (event: unknown): event is BbbMappedEvent =>
  typeof (event as BbbMappedEvent)?.data?.id === 'string';

/**
 * `data.event.ts` is when bbb-webhooks mapped the event, not BBB's own time: the best the
 * mapped format offers, and stable across retries because the body is built once.
 */
export function translateMappedEvent(event: BbbMappedEvent, knownExternalMeetingIds: readonly string[]): BbbTranslation {
  const name = event.data!.id!;
  const translation = emptyBbbTranslation();
  const meeting = event.data?.attributes?.meeting;
  const internalMeetingId = meeting?.['internal-meeting-id'];
  const type = PRESENCE[name];
  if (!type && name !== 'meeting-ended') {
    translation.ignored.push({ event: name, reason: ignoredReason(name) });
    return translation;
  }
  if (!internalMeetingId) throw new Error(`BigBlueButton ${name} event has no internal-meeting-id`);
  const activity = meetingActivity(internalMeetingId, meeting?.['external-meeting-id'], knownExternalMeetingIds);
  const atMs = Number(event.data?.event?.ts);

  if (name === 'meeting-ended') {
    if (!Number.isFinite(atMs)) throw new Error('BigBlueButton meeting-ended event has no valid timestamp');
    translation.meetingsEnded.push({ activity, internalMeetingId, endedAt: new Date(atMs).toISOString() });
    translation.ignored.push({ event: name, reason: 'no roster in a meeting-ended event: close the intervals still open with closeOpenIntervals' });
    return translation;
  }
  const user = event.data?.attributes?.user;
  const connectionId = user?.['internal-user-id'];
  if (!connectionId) throw new Error(`BigBlueButton ${name} event has no internal-user-id`);
  // bbb-webhooks sends "" when it never saw the user join; the connection id is all there is then.
  const userId = user?.['external-user-id'] || connectionId;
  translation.facts.push(bbbPresenceFact({ internalMeetingId, activity, connectionId, userId, type, atMs }));
  return translation;
}
