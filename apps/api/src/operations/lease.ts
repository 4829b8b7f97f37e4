import { DomainEvent, LEASE_RENEWED, leaseStream, readEvent } from '@attendance/domain';
import { randomUUID } from 'node:crypto';
import { ExpectedRevision, WrongExpectedRevisionError, type EventStore, type Gate } from '@attendance/event-store';

export interface LeaseOptions {
  name: string;
  /** Who asks: stable across restarts of one instance (its data folder), so a restart takes its own lease back at once. */
  holder: string;
  /** How long a renewal holds; the holder renews at a third of it and stops acting a tenth before it ends. */
  ttlMs: number;
  /** Real time, not the service's injected clock: a lease is about which process is alive. */
  now?: () => number;
}

/**
 * A lease kept in the event store: whoever appended the stream's last `LeaseRenewed`, with an
 * `until` still ahead, holds it. Taking and renewing are appends at the revision last seen, so two
 * instances can never both succeed; a holder that stops renewing (killed, stalled) loses it when
 * `until` passes, and a clean stop releases it at once. The side effects that must happen once
 * across instances (issuing notices, delivering them) run only while it is held.
 */
export class Lease implements Gate {
  private heldUntil = 0;
  private timer?: NodeJS.Timeout;
  private waiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly stream: string;
  /** Who held it at the last look (this instance's holder name when it does). */
  holderSeen?: string;
  /** How many times it was taken: a new holder term (its checkpoints may have moved meanwhile). */
  term = 0;
  lastError?: string;

  constructor(
    private readonly store: EventStore<DomainEvent>,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.stream = leaseStream(options.name);
  }

  /** Tries at once, then renews (or tries again) at a third of the time to live. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing and, when held, releases it so another instance takes over at its next try. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (!this.isOpen()) return;
    this.heldUntil = 0;
    const last = await this.store.readLastEvent(this.stream).catch(() => undefined);
    if (!last) return;
    await this.store
      .appendToStream(this.stream, [this.renewal(0)], { expectedRevision: last.revision })
      .catch(() => undefined);
  }

  isOpen(): boolean {
    return this.now() < this.heldUntil;
  }

  /** Resolves once this instance holds the lease, or when `signal` aborts. */
  opened(signal: AbortSignal): Promise<void> {
    if (this.isOpen() || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done);
      this.waiters.push(done);
    });
  }

  /** One try: take it when free or expired, renew it when held; learns who holds it otherwise. */
  async renew(): Promise<void> {
    const asked = this.now();
    try {
      const last = await this.store.readLastEvent(this.stream);
      const read = last && readEvent(last);
      const current = read && 'event' in read && read.event.type === LEASE_RENEWED ? read.event.data : undefined;
      const expected: ExpectedRevision = last ? last.revision : 'no_stream';
      if (current && current.holder !== this.options.holder && Date.parse(current.until) > asked) {
        this.holderSeen = current.holder;
        this.heldUntil = 0;
        return;
      }
      await this.store.appendToStream(this.stream, [this.renewal(asked + this.options.ttlMs)], { expectedRevision: expected });
      const wasOpen = this.isOpen();
      // Counted from before the read, and a tenth short: it stops acting before anyone else may start.
      this.heldUntil = asked + this.options.ttlMs - Math.ceil(this.options.ttlMs / 10);
      this.holderSeen = this.options.holder;
      this.lastError = undefined;
      if (!wasOpen) this.opening();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) this.lastError = (error as Error).message;
      // Someone else renewed or took it in between; or the store failed: held only until the last renewal runs out.
    }
  }

  private opening(): void {
    this.term++;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private renewal(until: number) {
    return { id: randomUUID(), type: LEASE_RENEWED, data: { holder: this.options.holder, until: new Date(until).toISOString() } } as const;
  }
}
