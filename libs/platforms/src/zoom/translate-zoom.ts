import type { Translation } from '../platform-fact';
import { readJsonObject } from '../shared/json-body';
import { participantFact, PresenceType } from './participant-fact';
import type { ZoomEvent } from './zoom-event';

const PRESENCE: Record<string, PresenceType> = {
  'meeting.participant_joined': 'virtual-class.joined',
  'meeting.participant_left': 'virtual-class.left',
  'webinar.participant_joined': 'virtual-class.joined',
  'webinar.participant_left': 'virtual-class.left',
};

const IGNORED_REASONS: Record<string, string> = {
  'endpoint.url_validation': 'a URL validation handshake: answer it with answerUrlValidation',
  'meeting.started': 'a meeting start carries no attendance; presence comes from participant_joined and participant_left',
  'meeting.ended': 'a meeting end carries no attendance; Zoom sends participant_left for those still in (zoomMeetingEnd gives the time)',
};

/** Translates one Zoom webhook body (already verified) to facts. */
export function translateZoom(json: unknown): Translation {
  const event = readJsonObject(json, 'Zoom webhook') as ZoomEvent;
  const name = event.event;
  if (typeof name !== 'string') throw new Error('the Zoom webhook body has no "event" name');
  const type = PRESENCE[name];
  if (!type) return { facts: [], ignored: [{ event: name, reason: IGNORED_REASONS[name] ?? 'not an attendance event' }] };
  return { facts: [participantFact(event, type)], ignored: [] };
}
