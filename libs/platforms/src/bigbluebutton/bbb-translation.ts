import type { Translation } from '../platform-fact';

/** A meeting-ended event: the webhook carries no roster, so the app closes what it knows is open. */
export interface BbbMeetingEnd {
  activity: string;
  internalMeetingId: string;
  endedAt: string;
}

export interface BbbTranslation extends Translation {
  /** Pass each to `closeOpenIntervals` with the users the tracker still has joined. */
  meetingsEnded: BbbMeetingEnd[];
}

export const emptyBbbTranslation = (): BbbTranslation => ({ facts: [], ignored: [], meetingsEnded: [] });

export function mergeBbbTranslations(parts: BbbTranslation[]): BbbTranslation {
  return {
    facts: parts.flatMap((part) => part.facts),
    ignored: parts.flatMap((part) => part.ignored),
    meetingsEnded: parts.flatMap((part) => part.meetingsEnded),
  };
}

/** Why an event that is not a join, a leave or an end carries no attendance. */
export function ignoredReason(eventName: string): string {
  if (eventName === 'meeting-created' || eventName === 'MeetingCreatedEvtMsg') return 'a meeting opening carries no attendance; presence comes from user-joined and user-left';
  if (eventName.startsWith('rap-')) return 'a recording-processing step carries no attendance';
  return 'not an attendance event';
}
