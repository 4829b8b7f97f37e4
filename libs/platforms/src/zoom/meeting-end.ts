import { readJsonObject } from '../shared/json-body';
import type { ZoomEvent } from './zoom-event';

export interface ZoomMeetingEnd {
  /** The meeting number, what items link to. */
  activity: string;
  /** The meeting instance (`uuid`). */
  instance: string;
  endedAt: string;
}

/** When a `meeting.ended` body says the instance ended, to close intervals whose leave never came. */
export function zoomMeetingEnd(json: unknown): ZoomMeetingEnd | undefined {
  const event = readJsonObject(json, 'Zoom webhook') as ZoomEvent;
  if (event.event !== 'meeting.ended' && event.event !== 'webinar.ended') return undefined;
  const object = event.payload?.object;
  const endedAtMs = Date.parse(object?.end_time ?? '');
  if (object?.id === undefined || !object.uuid || !Number.isFinite(endedAtMs)) throw new Error(`Zoom ${event.event} has no id, uuid or valid end_time`);
  return { activity: String(object.id), instance: object.uuid, endedAt: new Date(endedAtMs).toISOString() };
}
