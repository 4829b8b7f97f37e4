/**
 * The EventStoreDB adapter of our EventStore interface.
 *
 * Every import of `@eventstore/db-client` stays inside this folder, so moving to
 * `@kurrent/kurrentdb-client` later touches nothing else.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
  type ReadPosition,
  type ReadStreamOptions,
} from '@eventstore/db-client';
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
import { DEFAULT_KNOWN_STREAMS_LIMITS, KnownStreams, type KnownStreamsLimits } from './known-streams';
import { allPosition, collect, esdbPosition, fromPosition, isVisible, toStoredEvent, type Resolved } from './recorded-events';
import { ResubscribingSubscription } from './resubscribing-subscription';
import { DEFAULT_RETRY, backoffDelay, isTransient, type RetryOptions } from './retry';
import { StreamAppend } from './stream-append';
import { StreamLocks } from './stream-locks';

/** readAll without maxCount returns at most this many events, as the SQLite store does. */
const DEFAULT_READ_ALL_COUNT = 512;
/** Largest page asked of the server in one read of $all. */
const MAX_READ_PAGE = 1000;
/** Page size when walking $all backwards past system events to find the head. */
const HEAD_PAGE = 32;
/** Events the subscription buffers ahead of the consumer before gRPC reads pause. */
const SUBSCRIPTION_BUFFER = 64;

export interface EventStoreDbOptions {
  clock?: Clock;
  /** Back-off and attempts of reads, appends and resubscriptions after transient errors. */
  retry?: Partial<RetryOptions>;
  /** Bounds of the cache of what each stream holds (revision and event ids), used by appends. */
  knownStreams?: Partial<KnownStreamsLimits>;
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private closed = false;
  private readonly retry: RetryOptions;
  private readonly known: KnownStreams;
  private readonly locks = new StreamLocks();
  private readonly subscriptions = new Set<ResubscribingSubscription>();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
    options: EventStoreDbOptions,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.known = new KnownStreams({ ...DEFAULT_KNOWN_STREAMS_LIMITS, ...options.knownStreams });
  }

  /**
   * Connects with an `esdb://` (single node, or gossip seeds) or `esdb+discover://` (DNS) connection
   * string, e.g. `esdb://localhost:2113?tls=false`.
   */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      // The client connects lazily; one tiny read makes a wrong address or credentials fail here, at startup.
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, options.clock ?? systemClock, options);
  }

  /**
   * Ids already in the stream are reported as duplicates and not written; the rest are appended at
   * the exact revision the stream is known at, retried across timeouts and failovers, and checked
   * against what the server says is there (see StreamAppend). Appends to one stream from this
   * process go one at a time.
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
    const context = {
      client: this.client,
      known: this.known,
      retry: this.retry,
      retrying: <T>(read: () => Promise<T>) => this.retrying(read),
      assertOpen: () => this.assertOpen(),
    };
    return this.locks.run(streamId, () => new StreamAppend(context, streamId, unique, expected, recordedAt).run());
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    this.assertOpen();
    const recorded = await this.retrying(() => this.readRecorded(streamId));
    return recorded.flatMap((resolved) => toStoredEvent(resolved) ?? []);
  }

  /** The last event of the stream: a read backwards by one. */
  async readLastEvent(streamId: string): Promise<StoredEvent | undefined> {
    this.assertOpen();
    const [last] = await this.retrying(() => this.readRecorded(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last && toStoredEvent(last);
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
      const from = after;
      const page = await this.retrying(() =>
        collect(this.client.readAll({ direction: FORWARDS, fromPosition: fromPosition(from), maxCount: pageSize })),
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
    const subscription: ResubscribingSubscription = new ResubscribingSubscription(
      (after) =>
        this.client.subscribeToAll(
          { fromPosition: fromPosition(after), filter: excludeSystemEvents() },
          { highWaterMark: SUBSCRIPTION_BUFFER },
        ),
      options.after,
      this.retry,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * A subscription from `after` that ends at its first event: the wake-up of a catch-up consumer
   * that has read everything. The subscription itself rides out outages, backing off between tries.
   */
  async waitForEvents(after: Position, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    if (signal?.aborted) return;
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
      const start = from;
      const page = await this.retrying(() =>
        collect(this.client.readAll({ direction: BACKWARDS, fromPosition: start, maxCount: HEAD_PAGE })),
      );
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
    // Our subscriptions first, so none of them tries to subscribe again; then the client's calls.
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }

  /** A read, tried again after transient errors with back-off, at most `maxAttempts` times. */
  private async retrying<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.assertOpen();
      try {
        const result = await read();
        // close() cancels reads in flight, which the client reports as a short read: not an answer.
        this.assertOpen();
        return result;
      } catch (error) {
        if (this.closed || !isTransient(error) || attempt >= this.retry.maxAttempts) throw error;
        await this.retry.sleep(backoffDelay(this.retry, attempt));
      }
    }
  }

  private async readRecorded(streamId: string, options: ReadStreamOptions = { direction: FORWARDS, fromRevision: START }): Promise<Resolved[]> {
    try {
      return await collect(this.client.readStream(streamId, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
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
