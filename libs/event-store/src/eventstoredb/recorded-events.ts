/**
 * Conversions between our events and EventStoreDB's, and the small helpers every read shares.
 */
import {
  START,
  type AllStreamResolvedEvent,
  type JSONEventData,
  type JSONType,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { EventToAppend, Position, StoredEvent } from '../event-store';

/** The $all position ESDB reports for an event when it does not know it (stream reads before 22.6). */
const UNKNOWN_POSITION = 18446744073709551615n;

/** The part of a read result we use; both stream reads and $all reads fit. */
export interface Resolved {
  event?: RecordedEvent;
  commitPosition?: bigint;
}

/**
 * Our id and recordedAt travel in the metadata, next to the caller's own keys. `uuid` is the
 * event's ESDB id: one per event per append call (see appendToStream), so the server's answer to
 * a repeated append can only ever be about this call's own earlier attempt.
 */
export function toEventData(event: EventToAppend, uuid: string, recordedAt: string): JSONEventData {
  return {
    id: uuid,
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: { ...event.metadata, eventId: event.id, recordedAt },
  };
}

/** Maps a read event to ours; undefined for what we never show (system, non-JSON) and for positions not after `after`. */
export function toStoredEvent(resolved: Resolved, after?: Position): StoredEvent | undefined {
  const { event } = resolved;
  if (!event || !isVisible(event)) return undefined;
  const position = commitPosition(resolved);
  if (after !== undefined && position <= after) return undefined;
  const raw: Record<string, unknown> = isRecord(event.metadata) ? event.metadata : {};
  // Our two keys come out; what is left is exactly the caller's metadata.
  const { eventId, recordedAt, ...metadata } = raw;
  return {
    id: typeof eventId === 'string' ? eventId : event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId,
    revision: event.revision,
    position,
    recordedAt: parseDate(recordedAt) ?? event.created,
  };
}

/** The id an event has for us: ours from the metadata, or ESDB's for events other tools wrote. */
export function ourEventId(event: RecordedEvent): string {
  const eventId = isRecord(event.metadata) ? event.metadata.eventId : undefined;
  return typeof eventId === 'string' ? eventId : event.id;
}

/** System events ($-prefixed types or streams) and binary events are not ours. */
export function isVisible(event: RecordedEvent): boolean {
  return event.isJson && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function commitPosition(resolved: Resolved): Position {
  const position = knownPosition(resolved);
  if (position !== undefined) return position;
  throw new Error(`EventStoreDB did not report the position of an event in "${resolved.event?.streamId}"; version 22.6 or later is required`);
}

export function knownPosition({ event, commitPosition: fallback }: Resolved): Position | undefined {
  const commit = event?.position?.commit;
  if (commit !== undefined && commit !== UNKNOWN_POSITION) return commit;
  return fallback;
}

export function allPosition(resolved: AllStreamResolvedEvent): Position {
  const commit = resolved.event?.position.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('EventStoreDB returned an event of $all without a position');
  return commit;
}

/** Events appended over gRPC are committed one record each, so their prepare position equals their commit position. */
export function esdbPosition(position: Position): EsdbPosition {
  return { commit: position, prepare: position };
}

export function fromPosition(after: Position | undefined): ReadPosition {
  return after === undefined ? START : esdbPosition(after);
}

export async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item as T);
  return items;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
