/**
 * The one small interface every event store implements. Positions and revisions are
 * 64-bit and travel as bigint, never as a JavaScript number.
 */

/** Global position of an event in the store's total order. Larger is later. */
export type Position = bigint;

/** What the caller believes about a stream before appending to it. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** What an event is: its type and its data. A store is typed by the union of the events it takes. */
export interface EventShape {
  type: string;
  data: unknown;
}

export type EventToAppend<E extends EventShape = EventShape> = E & {
  /** Unique id of the event. The same id again is reported as a duplicate, never stored twice. */
  id: string;
  metadata?: Record<string, unknown>;
};

/**
 * An event as the store gives it back. Its data is whatever was stored, by this version or any
 * other: readers check it against its type before they use it (libs/domain readEvent).
 */
export interface StoredEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  streamId: string;
  /** 0-based index of the event within its stream. */
  revision: bigint;
  position: Position;
  /** When the store accepted the event, by the store's injected clock. */
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after this append. */
  nextExpectedRevision: bigint;
  /** Global position of the last event this append wrote, or of the stored original when all were duplicates. */
  position: Position;
  /** Ids of the events that were already stored and so were not written again. */
  duplicateIds: string[];
}

export interface ReadAllOptions {
  /** Read events strictly after this position; omitted means from the start. */
  after?: Position;
  maxCount?: number;
}

/**
 * A live feed of every event after a checkpoint: it catches up, then waits for new events.
 * It pulls one page at a time only when the consumer asks for more, so a slow consumer
 * holds at most one page in memory.
 */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore<E extends EventShape = EventShape> {
  readonly kind: 'sqlite' | 'eventstoredb';
  appendToStream(
    streamId: string,
    events: Array<EventToAppend<E>>,
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Every event of one stream in revision order; an empty list when the stream does not exist. */
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** The last event of one stream, or undefined when it does not exist: a stream read backwards by one. */
  readLastEvent(streamId: string): Promise<StoredEvent | undefined>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribeToAll(options?: { after?: Position }): Subscription;
  /** Resolves once there is an event after `after`, or when `signal` aborts or the store closes. */
  waitForEvents(after: Position, signal?: AbortSignal): Promise<void>;
  /** Position of the last event in the store, 0n when it is empty. */
  headPosition(): Promise<Position>;
  close(): Promise<void>;
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
