import type { PlatformFact, Translation } from '../platform-fact';
import { parseAnalyticsTime } from './analytics-time';
import type { PresenceType } from './presence-fact';

interface SessionEntry {
  timestamp?: string;
}
interface AnalyticsAttendee {
  ext_user_id?: string | number;
  joins?: string[];
  leaves?: string[];
  /** Newer bbbevents: per internal user id (connection), the same joins and leaves with details. */
  sessions?: Record<string, { joins?: SessionEntry[]; lefts?: SessionEntry[] }>;
}
interface AnalyticsCallback {
  meeting_id?: string;
  internal_meeting_id?: string;
  data?: { attendees?: AnalyticsAttendee[] };
}

/**
 * The post-meeting summary (`meta_analytics-callback-url`): every attendee's joins and leaves.
 * Sent once, without retry, so it is the safety net for webhooks lost during the meeting.
 */
export function translateBbbAnalytics(json: unknown): Translation {
  const callback = readCallback(json);
  const meetingId = callback.meeting_id;
  const session = callback.internal_meeting_id;
  const attendees = callback.data?.attendees;
  if (!meetingId || !session) throw new Error('the analytics callback has no meeting_id or internal_meeting_id');
  if (!Array.isArray(attendees)) throw new Error('the analytics callback has no data.attendees list');

  const facts = attendees.flatMap((attendee) => {
    if (attendee.ext_user_id === undefined || attendee.ext_user_id === '') throw new Error('an analytics attendee has no ext_user_id');
    // ext_user_id is whatever userID was passed to join, so it can arrive as a number.
    const userId = String(attendee.ext_user_id);
    const fact = (type: PresenceType, time: string): PlatformFact => {
      const atMs = parseAnalyticsTime(time);
      return {
        id: `bbb-analytics:${session}:${userId}:${type}:${atMs}`,
        type,
        occurredAt: new Date(atMs).toISOString(),
        platform: 'bigbluebutton',
        activity: meetingId,
        actor: { userId },
      };
    };
    const { joins, leaves } = joinsAndLeaves(attendee);
    return [...joins.map((time) => fact('virtual-class.joined', time)), ...leaves.map((time) => fact('virtual-class.left', time))];
  });
  return { facts, ignored: [] };
}

/** The flat lists when present; older and newer bbbevents both have them, `sessions` only the newer. */
function joinsAndLeaves(attendee: AnalyticsAttendee): { joins: string[]; leaves: string[] } {
  if (Array.isArray(attendee.joins) || Array.isArray(attendee.leaves)) return { joins: attendee.joins ?? [], leaves: attendee.leaves ?? [] };
  const sessions = Object.values(attendee.sessions ?? {});
  const times = (entries: SessionEntry[] = []) => entries.map((entry) => entry.timestamp).filter((time): time is string => !!time);
  return { joins: sessions.flatMap((s) => times(s.joins)), leaves: sessions.flatMap((s) => times(s.lefts)) };
}

function readCallback(json: unknown): AnalyticsCallback {
  let value = json;
  if (typeof json === 'string' || Buffer.isBuffer(json)) {
    try {
      value = JSON.parse(json.toString());
    } catch {
      throw new Error('the analytics callback body is not JSON');
    }
  }
  if (typeof value !== 'object' || value === null) throw new Error('the analytics callback body is not a JSON object');
  return value as AnalyticsCallback;
}
