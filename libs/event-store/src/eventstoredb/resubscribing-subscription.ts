import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { Position, StoredEvent, Subscription } from '../event-store';
import { allPosition, toStoredEvent } from './recorded-events';
import { backoffDelay, isTransient, type RetryOptions } from './retry';

/**
 * Our Subscription over the client's catch-up subscriptions to $all. The client's subscription
 * ends for good when its gRPC call does: a dropped connection, a node that stopped being the
 * leader, a deadline. This one then subscribes again, after a back-off, from the last event it
 * saw, so its consumer gets every event once and in order, whatever happened underneath. Only an
 * error that another try cannot fix (access denied, …) ends the iteration.
 *
 * Each client subscription is a Node stream fed by gRPC; iterating it with `for await` pulls one
 * event at a time, so when the consumer is slow the stream's buffer fills, gRPC stops reading and
 * HTTP/2 flow control holds the server back: memory stays bounded.
 */
export class ResubscribingSubscription implements Subscription {
  private source: AllStreamSubscription | undefined;
  private started = false;
  private closed = false;
  private wakeClosed!: () => void;
  private readonly closedSignal = new Promise<void>((resolve) => (this.wakeClosed = resolve));

  constructor(
    /** Opens a client subscription to $all after `after`, or from the start. */
    private readonly open: (after: Position | undefined) => AllStreamSubscription,
    private readonly after: Position | undefined,
    private readonly retry: RetryOptions,
    private readonly onClose: () => void = () => undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    let after = this.after;
    // Failures in a row; a confirmed subscription or an event resets it.
    let failures = 0;
    try {
      while (!this.closed) {
        // Opened on iteration, so its errors always have a listener (an unheard stream error crashes Node).
        const source = (this.source = this.open(after));
        source.once('confirmation', () => (failures = 0));
        try {
          for await (const resolved of source as AsyncIterable<AllStreamResolvedEvent>) {
            if (this.closed) return;
            failures = 0;
            const stored = toStoredEvent(resolved, after);
            // The next subscription starts after the last event seen, shown or not.
            const position = allPosition(resolved);
            if (after === undefined || position > after) after = position;
            if (stored) yield stored;
          }
          // Ended without an error while nobody closed it: the server ended the call. Same as a drop.
        } catch (error) {
          // close() cuts the stream short, which the iterator reports as an error; that is not a failure.
          if (this.closed) return;
          if (!isTransient(error)) throw error;
        } finally {
          void this.release(source);
        }
        if (this.closed) return;
        failures++;
        await Promise.race([this.retry.sleep(backoffDelay(this.retry, failures)), this.closedSignal]);
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeClosed();
    this.onClose();
    if (this.source) await this.release(this.source);
  }

  /** Cancels the gRPC call of a client subscription we are done with. */
  private async release(source: AllStreamSubscription): Promise<void> {
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
