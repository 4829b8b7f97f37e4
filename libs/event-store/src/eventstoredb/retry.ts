/**
 * When the adapter tries again, and how long it waits first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';

export interface RetryOptions {
  /** Wait before the first retry; it doubles with each failure in a row, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Tries of one read or one append before its last error is thrown. Subscriptions never give up. */
  maxAttempts: number;
  /** How to wait; tests pass one that records the delay instead of waiting it out. */
  sleep: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); each delay is between half and all of its nominal value. */
  random: () => number;
}

/** Eight tries wait 50 ms … 3.2 s between them, 3 to 6 s in all: about what a leader election takes. */
export const DEFAULT_RETRY: RetryOptions = {
  baseDelayMs: 50,
  maxDelayMs: 5_000,
  maxAttempts: 8,
  sleep: (ms) => sleep(ms),
  random: Math.random,
};

/** The wait before retry number `failures` (1 for the first). */
export function backoffDelay(options: RetryOptions, failures: number): number {
  const nominal = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  // Half fixed, half jittered: never a hot loop, and clients that failed together do not retry together.
  return nominal / 2 + (nominal / 2) * options.random();
}

/**
 * Errors after which the same request may succeed on another try: the node went away or stopped
 * being the leader (the client reconnects to the leader it names), or the request ran out of time.
 * None of them says whether an append was written; the caller must make retrying safe.
 */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    // ESDB answers an append whose commit took too long with ABORTED, which the client calls a timeout.
    error instanceof TimeoutError ||
    // The server cancelled the call (e.g. while shutting down); cancellations we asked for never get here.
    error instanceof CancelledError
  );
}
