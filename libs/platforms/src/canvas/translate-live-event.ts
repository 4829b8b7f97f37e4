import type { Translation } from '../platform-fact';
import { translateCaliperEnvelope } from '../caliper';
import { CANVAS_CALIPER } from './canvas-ids';
import { isObject } from './canvas-event';
import { translateCanvasEvent } from './translate-canvas-event';

/** A Live Event in the "Caliper IMS" format: a Caliper 1.1 envelope with one event. */
export function translateCanvasCaliperEvent(json: unknown): Translation {
  return translateCaliperEnvelope(json, CANVAS_CALIPER);
}

/** Either format, as a subscription may use one or the other: `{metadata, body}` or a Caliper envelope. */
export function translateCanvasLiveEvent(json: unknown): Translation {
  if (isObject(json) && json.metadata !== undefined) return translateCanvasEvent(json);
  if (isObject(json) && json.data !== undefined && json.sensor !== undefined) return translateCanvasCaliperEvent(json);
  throw new Error('a Canvas Live Event must have metadata (Canvas format) or sensor and data (Caliper format)');
}
