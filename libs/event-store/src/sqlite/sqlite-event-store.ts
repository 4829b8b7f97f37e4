import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WrongExpectedRevisionError } from '../errors';
import {
  AppendResult,
  Clock,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  StoredEvent,
  Subscription,
  systemClock,
} from '../event-store';
import { PageSubscription } from '../page-subscription';
import { BUSY_TIMEOUT_MS, configureDatabase } from './schema';
import { watchOtherWriters } from './other-writers';
import { checkpointOnATimer } from './wal-checkpoints';

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  /** Each event's data and metadata as stored, written out before the commit: the less done while the file is locked, the less other processes wait. */
  json: Array<{ data: string; metadata: string | null }>;
  expectedRevision: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const DEFAULT_PAGE = 512;
/** How long a group whose commit found the file locked by another process waits before it is tried again. */
const BUSY_RETRY_MS = 1;
/** Events this process wrote last, kept as written, so the consumers that follow right behind need not read and parse them again. */
const RECENT_EVENTS = 20_000;

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL. Appends made while
 * a commit is under way are committed together in the next transaction (group commit), so
 * one fsync acknowledges many appends without weakening durability.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private appendWaiters: Array<() => void> = [];
  private closed = false;
  /** A ring of the events this process wrote last, each in the slot of its position. */
  private readonly recent: Array<StoredEvent | undefined> = new Array(RECENT_EVENTS);
  private written: StoredEvent[] = [];
  private readonly stopCheckpoints: () => void;
  private readonly otherWriters;

  constructor(
    readonly file: string,
    private readonly clock: Clock = systemClock,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    configureDatabase(this.db);
    this.stopCheckpoints = checkpointOnATimer(this.db);
    // Another process sharing the file wakes nobody here: its commits are noticed by polling.
    this.otherWriters = watchOtherWriters(this.db, () => this.wakeSubscribers());
    this.statements = {
      byEventId: this.db.prepare('SELECT position, stream_id, revision FROM events WHERE event_id = ?').safeIntegers(true),
      streamRevision: this.db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?').safeIntegers(true),
      // A stored id is left alone: no second copy, and the caller hears it was a duplicate.
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (@eventId, @streamId, @revision, @type, @data, @metadata, @recordedAt)
         ON CONFLICT (event_id) DO NOTHING`,
      ).safeIntegers(true),
      // One event to a stream, whatever its revision: the revision is found by the insert itself.
      insertAny: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (@eventId, @streamId, (SELECT coalesce(max(revision), -1) + 1 FROM events WHERE stream_id = @streamId), @type, @data, @metadata, @recordedAt)
         ON CONFLICT (event_id) DO NOTHING
         RETURNING position, revision`,
      ).safeIntegers(true),
      readStream: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`).safeIntegers(true).raw(true),
      readLast: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`).safeIntegers(true).raw(true),
      readAll: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).safeIntegers(true).raw(true),
      // Prepared once: a commit turns SQLite's own waiting off (flush), and the pragma is on the hot path.
      busyOff: this.db.prepare('PRAGMA busy_timeout = 0'),
      busyOn: this.db.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`),
      head: this.db.prepare('SELECT coalesce(max(position), 0) AS position FROM events').safeIntegers(true),
    };
  }

  appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('appendToStream needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      const json = events.map((e) => ({ data: JSON.stringify(e.data ?? null), metadata: e.metadata ? JSON.stringify(e.metadata) : null }));
      this.pending.push({ streamId, events, json, expectedRevision: options.expectedRevision ?? 'any', resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return (this.statements.readStream.all(streamId) as EventRow[]).map(toStoredEvent);
  }

  async readLastEvent(streamId: string): Promise<StoredEvent | undefined> {
    const row = this.statements.readLast.get(streamId) as EventRow | undefined;
    return row && toStoredEvent(row);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readPage(options.after ?? 0n, options.maxCount ?? DEFAULT_PAGE);
  }

  subscribeToAll(options: { after?: Position } = {}): Subscription {
    return new PageSubscription(options.after ?? 0n, {
      readPage: async (after) => this.readPage(after, DEFAULT_PAGE),
      waitForAppend: () => this.waitForAppend(),
    });
  }

  async waitForEvents(after: Position, signal?: AbortSignal): Promise<void> {
    while (!this.closed && !signal?.aborted && (await this.headPosition()) <= after) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        signal?.addEventListener('abort', wake);
        this.appendWaiters.push(wake);
        this.otherWriters.watch();
      });
    }
  }

  async headPosition(): Promise<Position> {
    if (this.closed) return 0n;
    return (this.statements.head.get() as { position: bigint }).position;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.wakeSubscribers();
    this.stopCheckpoints();
    this.otherWriters.stop();
    this.db.close();
  }

  /** The events after `after`: those this process just wrote from memory, the rest (another process's, older ones) from the file. */
  private readPage(after: Position, maxCount: number): StoredEvent[] {
    if (this.closed) return [];
    const page: StoredEvent[] = [];
    for (let p = after + 1n; page.length < maxCount; p++) {
      const event = this.recent[Number(p % BigInt(RECENT_EVENTS))];
      if (event?.position !== p) break;
      page.push(event);
    }
    if (page.length === maxCount) return page;
    const from = page.length > 0 ? page[page.length - 1].position : after;
    for (const row of this.statements.readAll.all(from, maxCount - page.length) as EventRow[]) page.push(toStoredEvent(row));
    return page;
  }

  private remember(events: StoredEvent[]): void {
    for (const event of events) this.recent[Number(event.position % BigInt(RECENT_EVENTS))] = event;
  }

  private waitForAppend(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.appendWaiters.push(() => resolve(!this.closed));
      this.otherWriters.watch();
    });
  }

  private wakeSubscribers(): void {
    const waiters = this.appendWaiters;
    this.appendWaiters = [];
    this.otherWriters.idle();
    for (const wake of waiters) wake();
  }

  /** Waits for the current turn of the event loop so that concurrent appends share one commit. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const commitBatch = this.db.transaction(() => {
      for (const append of batch) {
        // apply() checks everything before its first insert, so a refused append has written nothing.
        try {
          outcomes.push({ ok: true, result: this.apply(append) });
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
    this.written = [];
    try {
      // Not waiting inside SQLite for another process's commit: that would hold this process's whole
      // event loop. A busy file is tried again a moment later, and requests are served meanwhile.
      this.statements.busyOff.run();
      commitBatch.immediate();
    } catch (error) {
      this.written = [];
      if (isBusy(error) && !this.closed) {
        // Another process is committing: nothing was written; the group is tried again, with what came meanwhile.
        this.pending = batch.concat(this.pending);
        setTimeout(() => this.flush(), BUSY_RETRY_MS);
        return;
      }
      for (const append of batch) append.reject(error);
      return;
    } finally {
      if (this.db.open) this.statements.busyOn.run();
    }
    this.remember(this.written);
    this.written = [];
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.wakeSubscribers();
  }

  private apply(append: PendingAppend): AppendResult {
    if (append.expectedRevision === 'any' && append.events.length === 1) return this.applyOneToAnyRevision(append);
    const { streamId, events, json, expectedRevision } = append;
    const current = (this.statements.streamRevision.get(streamId) as { revision: bigint | null }).revision;
    if (!revisionMatches(expectedRevision, current)) {
      // Still fine if every event is already stored: an idempotent retry, whatever revision it expected.
      const stored = events.map((e) => this.storedPosition(e.id));
      if (stored.every((p) => p !== undefined)) {
        return { nextExpectedRevision: current ?? -1n, position: max(stored as bigint[]), duplicateIds: events.map((e) => e.id) };
      }
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current ?? 'no_stream');
    }
    let revision = current ?? -1n;
    let position = 0n;
    const duplicates = new Map<string, bigint>();
    const seen = new Set<string>();
    const recordedAt = BigInt(this.clock().getTime());
    for (const [i, event] of events.entries()) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      const info = this.statements.insert.run({
        eventId: event.id,
        streamId,
        revision: revision + 1n,
        type: event.type,
        data: json[i].data,
        metadata: json[i].metadata,
        recordedAt,
      });
      if (info.changes === 0) {
        duplicates.set(event.id, this.storedPosition(event.id)!);
        continue;
      }
      this.written.push({
        id: event.id,
        type: event.type,
        data: event.data ?? null,
        metadata: event.metadata ?? {},
        streamId,
        revision: revision + 1n,
        position: BigInt(info.lastInsertRowid),
        recordedAt: new Date(Number(recordedAt)),
      });
      revision += 1n;
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position: position || max([...duplicates.values()]), duplicateIds: [...duplicates.keys()] };
  }

  /** The common case (a fact, an audit entry): one statement instead of a read and a write. */
  private applyOneToAnyRevision({ streamId, events: [event], json: [{ data, metadata }] }: PendingAppend): AppendResult {
    const recordedAt = BigInt(this.clock().getTime());
    const row = this.statements.insertAny.get({
      eventId: event.id,
      streamId,
      type: event.type,
      data,
      metadata,
      recordedAt,
    }) as { position: bigint; revision: bigint } | undefined;
    if (!row) {
      const current = (this.statements.streamRevision.get(streamId) as { revision: bigint | null }).revision;
      return { nextExpectedRevision: current ?? -1n, position: this.storedPosition(event.id)!, duplicateIds: [event.id] };
    }
    this.written.push({ id: event.id, type: event.type, data: event.data ?? null, metadata: event.metadata ?? {}, streamId, revision: row.revision, position: row.position, recordedAt: new Date(Number(recordedAt)) });
    return { nextExpectedRevision: row.revision, position: row.position, duplicateIds: [] };
  }

  private storedPosition(eventId: string): bigint | undefined {
    return (this.statements.byEventId.get(eventId) as { position: bigint } | undefined)?.position;
  }
}

const isBusy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_BUSY_SNAPSHOT';

const max = (values: bigint[]): bigint => values.reduce((a, b) => (a > b ? a : b), 0n);

function revisionMatches(expected: ExpectedRevision, current: bigint | null): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected)
  );
}

/** Rows are read as arrays in this order: no object made per row only to be copied into a StoredEvent. */
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
type EventRow = [bigint, string, string, bigint, string, string, string | null, bigint];

function toStoredEvent([position, id, streamId, revision, type, data, metadata, recordedAt]: EventRow): StoredEvent {
  return { id, type, data: JSON.parse(data), metadata: metadata ? JSON.parse(metadata) : {}, streamId, revision, position, recordedAt: new Date(Number(recordedAt)) };
}
