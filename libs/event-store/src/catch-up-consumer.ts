import type { Clock, EventStore, Position, StoredEvent } from './event-store';

/** Anything a consumer reads in order: an event of the store, or a step of another consumer. */
export interface Positioned {
  position: Position;
  recordedAt: Date;
}

/**
 * Where a consumer reads from: the event store itself, or what another consumer has done (the
 * notice issuer follows the projection's progress rather than reading every event again).
 */
export interface ConsumerSource<T extends Positioned> {
  read(after: Position, maxCount: number): Promise<T[]>;
  /** Resolves once there is something after `after`, or when `signal` aborts. */
  waitFor(after: Position, signal: AbortSignal): Promise<void>;
}

export const storeSource = (store: EventStore): ConsumerSource<StoredEvent> => ({
  read: (after, maxCount) => store.readAll({ after, maxCount }),
  waitFor: (after, signal) => store.waitForEvents(after, signal),
});

/**
 * What a consumer does with what it reads: it keeps its own checkpoint, and moves it with its
 * own state in one step, so after a crash it holds both or neither.
 */
export interface ConsumerHandler<T extends Positioned = StoredEvent> {
  /** The position of the last event it has handled (0n before the first). */
  checkpoint(): Position | Promise<Position>;
  /** Handles the events after the checkpoint, in order, and moves the checkpoint to the last one. */
  handle(events: T[]): void | Promise<void>;
}

/** When a consumer may run (a lease held by this instance): while it is closed, the consumer waits instead of reading. */
export interface Gate {
  isOpen(): boolean;
  /** Resolves once it is open, or when `signal` aborts. */
  opened(signal: AbortSignal): Promise<void>;
}

/** How a consumer is doing, for /health. */
export interface ConsumerStatus {
  name: string;
  position: string;
  /** Whether it has read everything there was the last time it looked. */
  caughtUp: boolean;
  /** How long the oldest event it has not handled yet has been waiting, in ms of the clock. */
  lagMs: number;
  failures: number;
  lastError?: string;
  /** When it last handled a page or found nothing to do. */
  lastProgressAt?: string;
  /** Waiting for its gate (another instance holds the lease): alive, and not expected to move. */
  standby?: boolean;
}

export interface CatchUpOptions {
  pageSize?: number;
  clock?: Clock;
  /** First wait after a failure; it doubles up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** Runs only while this is open; reads its checkpoint again each time it opens (another instance may have moved it). */
  gate?: Gate;
}

/**
 * The one way anything follows the store: read a page after the checkpoint, hand it over, and
 * repeat; wait for new events once everything is read. A failure (the store, the handler) is
 * retried with back-off from the same checkpoint: a consumer never stops for good.
 */
export class CatchUpConsumer<T extends Positioned = StoredEvent> {
  private position = 0n;
  private running?: Promise<void>;
  private readonly stopping = new AbortController();
  private waiters: Array<{ position: Position; resolve: () => void }> = [];
  private readonly state: Omit<ConsumerStatus, 'name' | 'position'> = { caughtUp: false, lagMs: 0, failures: 0 };
  private oldestWaitingAt?: number;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private readonly retryBaseMs: number;
  private readonly maxRetryMs: number;
  private readonly gate?: Gate;

  private readonly source: ConsumerSource<T>;

  constructor(
    readonly name: string,
    source: EventStore | ConsumerSource<T>,
    private readonly handler: ConsumerHandler<T>,
    options: CatchUpOptions = {},
  ) {
    this.source = 'readAll' in source ? (storeSource(source) as unknown as ConsumerSource<T>) : source;
    this.pageSize = options.pageSize ?? 1000;
    this.clock = options.clock ?? (() => new Date());
    this.retryBaseMs = options.retryBaseMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.gate = options.gate;
    if (this.gate) this.state.standby = false;
  }

  /** Starts following; resolves once the checkpoint is known. */
  async start(): Promise<void> {
    this.position = await this.handler.checkpoint();
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  get handled(): Position {
    return this.position;
  }

  /** Resolves once every event up to `position` is handled. */
  waitFor(position: Position): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  status(): ConsumerStatus {
    const lagMs = this.oldestWaitingAt === undefined ? 0 : Math.max(0, this.clock().getTime() - this.oldestWaitingAt);
    return { name: this.name, position: String(this.position), ...this.state, lagMs };
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        if (this.gate && !this.gate.isOpen()) {
          await this.standBy(signal);
          continue;
        }
        const page = await this.source.read(this.position, this.pageSize);
        if (signal.aborted) return;
        if (page.length === 0) {
          this.progressed(true);
          await this.source.waitFor(this.position, signal);
          continue;
        }
        this.state.caughtUp = false;
        this.oldestWaitingAt ??= page[0].recordedAt.getTime();
        await this.handler.handle(page);
        this.position = page[page.length - 1].position;
        this.oldestWaitingAt = page.length < this.pageSize ? undefined : page[page.length - 1].recordedAt.getTime();
        this.progressed(page.length < this.pageSize);
        this.wake();
      } catch (error) {
        if (signal.aborted) return;
        this.state.failures++;
        this.state.lastError = error instanceof Error ? error.message : String(error);
        const wait = Math.min(this.maxRetryMs, this.retryBaseMs * 2 ** Math.min(this.state.failures - 1, 20));
        await abortableSleep(wait, signal);
      }
    }
  }

  private async standBy(signal: AbortSignal): Promise<void> {
    this.state.standby = true;
    this.oldestWaitingAt = undefined;
    await this.gate!.opened(signal);
    if (signal.aborted) return;
    this.position = await this.handler.checkpoint();
    this.state.standby = false;
    this.wake();
  }

  private progressed(caughtUp: boolean): void {
    this.state.caughtUp = caughtUp;
    this.state.failures = 0;
    this.state.lastError = undefined;
    this.state.lastProgressAt = this.clock().toISOString();
    if (caughtUp) this.oldestWaitingAt = undefined;
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const w of ready) w.resolve();
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
