import type { PlatformFact, Translation } from '../platform-fact';
import { graphTimeToIso } from './graph-time';
import type { AttendanceRecord } from './teams-report';

type PresenceType = 'virtual-class.joined' | 'virtual-class.left';

/**
 * Each interval is a join and a leave. The id leaves out the report id on purpose: the same
 * interval read from the expanded report or from the paged records list is the same fact.
 */
export function recordFacts(record: AttendanceRecord, meetingId: string): Translation {
  const userId = record.identity?.id || undefined;
  const email = record.emailAddress || undefined;
  const person = userId ?? email;
  const who = record.identity?.displayName ?? 'an attendee';
  if (!person) return { facts: [], ignored: [{ event: 'attendanceRecord', reason: `${who} has neither identity id nor email` }] };
  const actor = { ...(userId ? { userId } : {}), ...(email ? { email } : {}) };
  const fact = (type: PresenceType, time: string): PlatformFact => {
    const occurredAt = graphTimeToIso(time);
    return { id: `teams:${meetingId}:${person}:${type}:${occurredAt}`, type, occurredAt, platform: 'teams', activity: meetingId, actor };
  };

  const translation: Translation = { facts: [], ignored: [] };
  for (const interval of record.attendanceIntervals ?? []) {
    if (interval.joinDateTime) translation.facts.push(fact('virtual-class.joined', interval.joinDateTime));
    if (interval.leaveDateTime) translation.facts.push(fact('virtual-class.left', interval.leaveDateTime));
    // Graph answers null times (and duration 0) when it has no data for the interval.
    if (!interval.joinDateTime || !interval.leaveDateTime) {
      translation.ignored.push({ event: 'attendanceInterval', reason: `${who}: an interval without ${interval.joinDateTime ? 'leave' : 'join'} time` });
    }
  }
  return translation;
}
