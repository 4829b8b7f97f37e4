import type { ConsumerStatus } from '@attendance/event-store';

/**
 * How long a consumer may fail without a single step forward before it counts as not alive.
 * A consumer retries with back-off of at most 30 s, so this is ten or more failed tries in a row:
 * a store that is down for good, or an event its handler cannot get past — what a restart, or a
 * person, has to look at. A consumer with nothing to do is not failing, however long it waits.
 */
export const CONSUMER_LIVENESS_BOUND_MS = 5 * 60_000;

/**
 * Whether a consumer is alive: it is not failing, or its last step forward (a page handled, or a
 * look that found nothing to do) is within the bound. One that has failed since it started
 * counts from `startedAt`. A consumer standing by for the lease has no failures: alive.
 */
export function consumerIsAlive(status: Pick<ConsumerStatus, 'failures' | 'lastProgressAt'>, now: number, startedAt: number, boundMs = CONSUMER_LIVENESS_BOUND_MS): boolean {
  if (status.failures === 0) return true;
  const since = status.lastProgressAt === undefined ? startedAt : Date.parse(status.lastProgressAt);
  return now - since <= boundMs;
}
