/**
 * The EventStoreDB adapter of our EventStore interface.
 *
 * Every import of `@eventstore/db-client` stays inside this folder, so moving to
 * `@kurrent/kurrentdb-client` later touches nothing else.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type JSONEventData,
  type JSONType,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import {
  systemClock,
  type AppendResult,
  type Clock,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type StoredEvent,
  type Subscription,
} from '../event-store';

/** readAll without maxCount returns at most this many events, as the SQLite store does. */
const DEFAULT_READ_ALL_COUNT = 512;
/** Largest page asked of the server in one read of $all. */
const MAX_READ_PAGE = 1000;
/** Page size when walking $all backwards past system events to find the head. */
const HEAD_PAGE = 32;
/** Events the subscription buffers ahead of the consumer before gRPC reads pause. */
const SUBSCRIPTION_BUFFER = 64;
/**
 * Appends with 'any' / 'stream_exists' retry when a concurrent writer moved the stream.
 * Generous because dozens of writers can contend for one stream; jittered back-off spreads them.
 */
const MAX_APPEND_ATTEMPTS = 30;
/** The $all position ESDB reports for an event when it does not know it (stream reads before 22.6). */
const UNKNOWN_POSITION = 18446744073709551615n;
/** Fixed namespace for our event-id → UUID mapping. Changing it would break idempotency of stored events. */
const EVENT_ID_NAMESPACE = Buffer.from('b3c1f0e26d1a4c8e9a573f2d8e4c7a10', 'hex');

/** What appendToStream learns by reading the stream first. */
interface StreamState {
  revision: bigint | 'no_stream';
  /** Our event id → global position, for every event already in the stream. */
  positions: Map<string, Position>;
}

/** The part of a read result we use; both stream reads and $all reads fit. */
interface Resolved {
  event?: RecordedEvent;
  commitPosition?: bigint;
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Connects with an `esdb://` (single node, or gossip seeds) or `esdb+discover://` (DNS) connection
   * string, e.g. `esdb://localhost:2113?tls=false`.
   */
  static async connect(connectionString: string, options: { clock?: Clock } = {}): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      // The client connects lazily; one tiny read makes a wrong address or credentials fail here, at startup.
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, options.clock ?? systemClock);
  }

  /**
   * ESDB de-duplicates reliably only when the append names an exact expected revision, so we read
   * the stream first: ids already there are reported as duplicates, the rest are appended at the
   * exact revision we read. A concurrent writer then makes ESDB refuse the append, and we read again.
   */
  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    const unique = uniqueById(events);
    const recordedAt = this.clock().toISOString();

    for (let attempt = 1; ; attempt++) {
      const stream = await this.readStreamState(streamId);
      const duplicateIds = unique.filter((e) => stream.positions.has(e.id)).map((e) => e.id);
      const fresh = unique.filter((e) => !stream.positions.has(e.id));

      if (fresh.length === 0 && stream.revision !== 'no_stream') {
        // An idempotent retry: everything is already stored, whatever revision it expected.
        // (Duplicates imply the stream exists; the revision test above only narrows the type.)
        const positions = duplicateIds.map((id) => stream.positions.get(id) as Position);
        return { nextExpectedRevision: stream.revision, position: max(positions), duplicateIds };
      }
      checkExpectedRevision(streamId, expected, stream.revision);

      try {
        const result = await this.client.appendToStream(
          streamId,
          fresh.map((e) => toEventData(e, recordedAt)),
          { expectedRevision: stream.revision === 'no_stream' ? NO_STREAM : stream.revision },
        );
        if (result.success && result.position) {
          return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit, duplicateIds };
        }
        // No position: ESDB took it as a replay of an identical append (a concurrent retry of ours);
        // not successful: `throwOnAppendFailure=false` in the connection string turned a conflict into a result.
        // Either way the next read tells what is stored.
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // A concurrent writer moved the stream. The next read either finds our ids (idempotent),
        // or refuses a caller who named a revision or 'no_stream', or lets 'any' / 'stream_exists' retry.
      }
      if (attempt >= MAX_APPEND_ATTEMPTS) throw new WrongExpectedRevisionError(streamId, expected, stream.revision);
      await sleep(Math.random() * Math.min(50, 2 ** attempt));
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    this.assertOpen();
    return (await this.readRecorded(streamId)).flatMap((resolved) => toStoredEvent(resolved) ?? []);
  }

  /** Events strictly after `after`, skipping system events, which the client cannot filter server-side for reads. */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const limit = Math.floor(options.maxCount ?? DEFAULT_READ_ALL_COUNT);
    const found: StoredEvent[] = [];
    let after = options.after;
    while (found.length < limit) {
      // +1: a read from a position includes the event at that position, which we skip.
      const pageSize = Math.min(limit - found.length + 1, MAX_READ_PAGE);
      const page = await collect(
        this.client.readAll({ direction: FORWARDS, fromPosition: fromPosition(after), maxCount: pageSize }),
      );
      for (const resolved of page) {
        const stored = toStoredEvent(resolved, after);
        if (stored) found.push(stored);
        if (found.length === limit) return found;
      }
      if (page.length < pageSize) return found;
      after = allPosition(page[page.length - 1]);
    }
    return found;
  }

  subscribeToAll(options: { after?: Position } = {}): Subscription {
    this.assertOpen();
    const { after } = options;
    return new EventStoreDbSubscription(
      () =>
        this.client.subscribeToAll(
          { fromPosition: fromPosition(after), filter: excludeSystemEvents() },
          { highWaterMark: SUBSCRIPTION_BUFFER },
        ),
      after,
    );
  }

  /** A subscription from `after` that ends at its first event: the wake-up of a catch-up consumer that has read everything. */
  async waitForEvents(after: Position, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const subscription = this.subscribeToAll({ after });
    const abort = () => void subscription.close();
    signal?.addEventListener('abort', abort);
    try {
      for await (const _event of subscription) break;
    } finally {
      signal?.removeEventListener('abort', abort);
      await subscription.close();
    }
  }

  /** Position of the last non-system event: $all read backwards until one shows up. */
  async headPosition(): Promise<Position> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page = await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE }));
      for (const resolved of page) {
        if (resolved.event && isVisible(resolved.event)) return resolved.event.position.commit;
      }
      if (page.length < HEAD_PAGE) return 0n;
      from = esdbPosition(allPosition(page[page.length - 1]));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Cancels open reads and subscriptions too: their iterators end.
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }

  private async readStreamState(streamId: string): Promise<StreamState> {
    // From the leader: a lagging follower would hide ids that are already stored.
    const recorded = await this.readRecorded(streamId, true);
    const positions = new Map<string, Position>();
    for (const resolved of recorded) {
      const stored = toStoredEvent(resolved);
      if (stored) positions.set(stored.id, stored.position);
    }
    // The revision comes from the last event of any kind, not only the ones we map.
    const last = recorded[recorded.length - 1]?.event;
    return { revision: last ? last.revision : 'no_stream', positions };
  }

  private async readRecorded(streamId: string, requiresLeader = false): Promise<Resolved[]> {
    try {
      return await collect(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START, requiresLeader }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}

/**
 * Our Subscription over the client's catch-up subscription to $all. The client's subscription is a
 * Node stream fed by gRPC; iterating it with `for await` pulls one event at a time, so when the
 * consumer is slow the stream's buffer fills, gRPC stops reading and HTTP/2 flow control holds the
 * server back: memory stays bounded.
 */
class EventStoreDbSubscription implements Subscription {
  private source: AllStreamSubscription | undefined;
  private started = false;
  private closed = false;

  constructor(
    private readonly open: () => AllStreamSubscription,
    private readonly after: Position | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    if (this.closed) return;
    // Opened on first iteration, so its errors always have a listener (an unheard stream error crashes Node).
    const source = (this.source = this.open());
    try {
      for await (const resolved of source as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.closed) return;
        const stored = toStoredEvent(resolved, this.after);
        if (stored) yield stored;
      }
    } catch (error) {
      // close() cuts the stream short, which the iterator reports as an error; that is not a failure.
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const source = this.source;
    if (!source) return;
    // Errors arriving after we stopped listening must not crash the process.
    source.on('error', () => undefined);
    try {
      await source.unsubscribe();
    } catch {
      // The gRPC call never started (e.g. the server was unreachable): nothing to cancel.
    }
    source.destroy();
  }
}

/** Our event ids are arbitrary strings; ESDB wants UUIDs. A name-based UUID (v5, SHA-1) maps each id to the same UUID every time. */
export function eventIdToUuid(eventId: string): string {
  const bytes = createHash('sha1').update(EVENT_ID_NAMESPACE).update(eventId, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Our id and recordedAt travel in the metadata, next to the caller's own keys. */
function toEventData(event: EventToAppend, recordedAt: string): JSONEventData {
  return {
    id: eventIdToUuid(event.id),
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: { ...event.metadata, eventId: event.id, recordedAt },
  };
}

/** Maps a read event to ours; undefined for what we never show (system, non-JSON) and for positions not after `after`. */
function toStoredEvent(resolved: Resolved, after?: Position): StoredEvent | undefined {
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

/** System events ($-prefixed types or streams) and binary events are not ours. */
function isVisible(event: RecordedEvent): boolean {
  return event.isJson && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

function commitPosition({ event, commitPosition: fallback }: Resolved): Position {
  const commit = event?.position?.commit;
  if (commit !== undefined && commit !== UNKNOWN_POSITION) return commit;
  if (fallback !== undefined) return fallback;
  throw new Error(`EventStoreDB did not report the position of an event in "${event?.streamId}"; version 22.6 or later is required`);
}

function allPosition(resolved: AllStreamResolvedEvent): Position {
  const commit = resolved.event?.position.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('EventStoreDB returned an event of $all without a position');
  return commit;
}

/** Events appended over gRPC are committed one record each, so their prepare position equals their commit position. */
function esdbPosition(position: Position): EsdbPosition {
  return { commit: position, prepare: position };
}

function fromPosition(after: Position | undefined): ReadPosition {
  return after === undefined ? START : esdbPosition(after);
}

function checkExpectedRevision(streamId: string, expected: ExpectedRevision, actual: bigint | 'no_stream'): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && actual === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/** Keeps the first event of each id; a repeat within one append is dropped, as in the SQLite store. */
function uniqueById(events: EventToAppend[]): EventToAppend[] {
  const seen = new Set<string>();
  const unique: EventToAppend[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    unique.push(event);
  }
  return unique;
}

async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item as T);
  return items;
}

function max(values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
