import type { PlatformFact, Translation } from '../platform-fact';
import { isoTime, readResults } from './results';

interface CollaborateAttendee {
  userId?: string;
  externalUserId?: string;
  displayName?: string;
  attendance?: Array<{ joined?: string; left?: string; duration?: number }>;
}

type PresenceType = 'virtual-class.joined' | 'virtual-class.left';

/**
 * Collaborate Ultra `GET /sessions/{id}/instances/{instanceId}/attendees`: each attendance
 * entry is a join and a leave. The person is `externalUserId`, the id the launching LMS gave,
 * else Collaborate's own `userId`.
 */
export function translateCollaborateAttendees(json: unknown, sessionId: string): Translation {
  if (!sessionId) throw new Error('Collaborate attendees need the session id they were read from');
  const translation: Translation = { facts: [], ignored: [] };
  for (const attendee of readResults<CollaborateAttendee>(json, 'Collaborate attendees')) {
    const userId = attendee.externalUserId || attendee.userId;
    const who = attendee.displayName ?? 'an attendee';
    if (!userId) {
      translation.ignored.push({ event: 'attendee', reason: `${who} has neither externalUserId nor userId` });
      continue;
    }
    const fact = (type: PresenceType, time: string): PlatformFact => {
      const occurredAt = isoTime(time, `Collaborate ${type === 'virtual-class.joined' ? 'joined' : 'left'} time`);
      return { id: `blackboard:collaborate:${sessionId}:${userId}:${type}:${occurredAt}`, type, occurredAt, platform: 'blackboard', activity: sessionId, actor: { userId } };
    };
    for (const entry of attendee.attendance ?? []) {
      if (entry.joined) translation.facts.push(fact('virtual-class.joined', entry.joined));
      if (entry.left) translation.facts.push(fact('virtual-class.left', entry.left));
      if (!entry.joined || !entry.left) {
        translation.ignored.push({ event: 'attendance', reason: `${who}: an attendance entry without ${entry.joined ? 'left' : 'joined'} time` });
      }
    }
  }
  return translation;
}
