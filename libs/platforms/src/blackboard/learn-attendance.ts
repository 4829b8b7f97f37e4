import type { MarkStatus } from '@attendance/rules';
import type { Translation } from '../platform-fact';
import { readResults } from './results';

interface LearnAttendanceRecord {
  id?: string | number;
  meetingId?: string | number;
  userId?: string;
  status?: string;
}

const MARKS: Record<string, MarkStatus> = { Present: 'present', Late: 'late', Absent: 'absent' };

/**
 * Learn `GET /courses/{courseId}/meetings/{meetingId}/users`: one status per student.
 *
 * The records carry no time, so the caller says when the marks were read (`markedAt`, e.g. the
 * time of the pull). The latest mark wins, so a status changed in Blackboard and pulled again
 * must carry a later time, and the same pull sent again the same time to stay one fact.
 */
export function translateLearnMeetingAttendance(json: unknown, meetingId: string, markedAt: number | string): Translation {
  if (!meetingId) throw new Error('Learn attendance needs the meeting id it was read from');
  const markedAtMs = typeof markedAt === 'number' ? markedAt : Date.parse(markedAt);
  if (!Number.isFinite(markedAtMs)) throw new Error(`markedAt "${String(markedAt)}" is not a time`);
  const occurredAt = new Date(markedAtMs).toISOString();
  const translation: Translation = { facts: [], ignored: [] };
  for (const record of readResults<LearnAttendanceRecord>(json, 'Learn meeting attendance')) {
    if (record.meetingId !== undefined && String(record.meetingId) !== meetingId) {
      throw new Error(`a Learn attendance record is for meeting ${String(record.meetingId)}, not ${meetingId}`);
    }
    if (!record.userId) throw new Error(`Learn attendance record ${String(record.id)} has no userId`);
    const status = MARKS[record.status ?? ''];
    if (!status) {
      const reason = record.status === 'Excused'
        ? 'excuses are decisions recorded through the excuses API, not marks'
        : `unknown attendance status "${String(record.status)}"`;
      translation.ignored.push({ event: `${record.status ?? 'no status'} for ${record.userId}`, reason });
      continue;
    }
    translation.facts.push({
      id: `blackboard:learn:${meetingId}:${record.userId}:${status}:${occurredAt}`,
      type: 'in-person.marked',
      occurredAt,
      platform: 'blackboard',
      activity: meetingId,
      actor: { userId: record.userId },
      status,
    });
  }
  return translation;
}
