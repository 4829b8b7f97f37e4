import type { PlatformFact, PlatformName } from '../platform-fact';

const PREFIX: Partial<Record<PlatformName, string>> = { bigbluebutton: 'bbb' };

/**
 * A leave for every user the tracker still has joined when a meeting ends, because a
 * meeting-ended event carries no roster and the leaves a platform synthesises may be lost.
 * A leave with no open join changes nothing, so an extra one is harmless.
 */
export function closeOpenIntervals(platform: PlatformName, meetingId: string, endedAt: number | string, openUserIds: Iterable<string>): PlatformFact[] {
  const endedAtMs = typeof endedAt === 'number' ? endedAt : Date.parse(endedAt);
  if (!Number.isFinite(endedAtMs)) throw new Error(`the meeting end ${String(endedAt)} is not a time`);
  const occurredAt = new Date(endedAtMs).toISOString();
  return [...new Set(openUserIds)].map((userId) => ({
    id: `${PREFIX[platform] ?? platform}:${meetingId}:${userId}:virtual-class.left:${endedAtMs}:meeting-ended`,
    type: 'virtual-class.left',
    occurredAt,
    platform,
    activity: meetingId,
    actor: { userId },
  }));
}
