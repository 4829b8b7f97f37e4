import type { PlatformFact } from '../platform-fact';
import type { ZoomEvent, ZoomParticipant } from './zoom-event';

export type PresenceType = 'virtual-class.joined' | 'virtual-class.left';

/**
 * The person key: `customer_key` is what our join link or registration set, then the Zoom
 * account id (`participant_user_id`, empty for guests), and last the per-meeting `user_id`,
 * which matches no identity but keeps the fact listed for an admin to link.
 */
export const zoomUserId = (p: ZoomParticipant): string | undefined => p.customer_key || p.participant_user_id || p.user_id || p.id || undefined;

/**
 * Zoom's body has no event id. The instance (`uuid`), the participant in that instance and
 * the join or leave time identify the event, so Zoom's retries map to the same id.
 */
export function participantFact(event: ZoomEvent, type: PresenceType): PlatformFact {
  const name = event.event;
  const object = event.payload?.object;
  const participant = object?.participant;
  if (!object || object.id === undefined || object.id === '') throw new Error(`Zoom ${name} has no payload.object.id`);
  if (!object.uuid) throw new Error(`Zoom ${name} has no payload.object.uuid`);
  if (!participant) throw new Error(`Zoom ${name} has no payload.object.participant`);
  const time = type === 'virtual-class.joined' ? participant.join_time : participant.leave_time;
  const atMs = Date.parse(time ?? '');
  if (!Number.isFinite(atMs)) throw new Error(`Zoom ${name} has no valid ${type === 'virtual-class.joined' ? 'join_time' : 'leave_time'}`);
  const participantKey = participant.participant_uuid || participant.id || participant.user_id;
  const userId = zoomUserId(participant);
  if (!participantKey || (!userId && !participant.email)) throw new Error(`Zoom ${name} names no participant`);
  const occurredAt = new Date(atMs).toISOString();
  return {
    id: `zoom:${object.uuid}:${participantKey}:${type}:${occurredAt}`,
    type,
    occurredAt,
    platform: 'zoom',
    activity: String(object.id),
    actor: { ...(userId ? { userId } : {}), ...(participant.email ? { email: participant.email } : {}) },
  };
}
