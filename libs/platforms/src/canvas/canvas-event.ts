/** The Canvas-format Live Event: `{ metadata, body }` (README §4). Fields can be missing. */
export interface CanvasEvent {
  eventName: string;
  eventTime: string;
  metadata: Record<string, unknown>;
  body: Record<string, unknown>;
}

export function readCanvasEvent(json: unknown): CanvasEvent {
  if (!isObject(json)) throw new Error('a Canvas Live Event must be a JSON object');
  if (!isObject(json.metadata)) throw new Error('Canvas event metadata is missing');
  const { metadata } = json;
  if (typeof metadata.event_name !== 'string' || metadata.event_name === '') throw new Error('Canvas event metadata.event_name is missing');
  if (typeof metadata.event_time !== 'string' || Number.isNaN(Date.parse(metadata.event_time))) {
    throw new Error('Canvas event metadata.event_time is missing or not a date-time');
  }
  if (json.body !== undefined && !isObject(json.body)) throw new Error('Canvas event body must be an object');
  return { eventName: metadata.event_name, eventTime: metadata.event_time, metadata, body: (json.body as Record<string, unknown>) ?? {} };
}

/** A Canvas id field: ids are strings of digits (global ids exceed 2^53), sometimes numbers. */
export function canvasId(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
