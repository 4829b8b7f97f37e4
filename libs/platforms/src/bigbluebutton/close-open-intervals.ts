import type { PlatformFact } from '../platform-fact';

/**
 * A leave for every user the tracker still has joined when a meeting ends, because the
 * meeting-ended webhook carries no roster and the synthesised user-left events may be lost.
 * A leave with no open join changes nothing, so an extra one is harmless.
 */
export function closeOpenIntervals(meetingId: string, endedAt: number | string, openUserIds: Iterable<string>): PlatformFact[] {
  const endedAtMs = typeof endedAt === 'number' ? endedAt : Date.parse(endedAt);
  if (!Number.isFinite(endedAtMs)) throw new Error(`the meeting end ${String(endedAt)} is not a time`);
  const occurredAt = new Date(endedAtMs).toISOString();
  return [...new Set(openUserIds)].map((userId) => ({
    id: `bbb:${meetingId}:${userId}:virtual-class.left:${endedAtMs}:meeting-ended`,
    type: 'virtual-class.left',
    occurredAt,
    platform: 'bigbluebutton',
    activity: meetingId,
    actor: { userId },
  }));
}
