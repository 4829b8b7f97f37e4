import { randomUUID } from 'node:crypto';
import {
  FORWARDS,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision, Position } from '../event-store';
import type { KnownStream, KnownStreams } from './known-streams';
import { collect, commitPosition, knownPosition, ourEventId, toEventData, type Resolved } from './recorded-events';
import { backoffDelay, isTransient, type RetryOptions } from './retry';

/**
 * Appends refused because another writer moved the stream, before giving up. Each refusal means
 * someone else's append went through, so the store as a whole always progresses.
 */
const MAX_CONFLICTS = 30;

/** What one append call needs of the store around it. */
export interface AppendContext {
  client: EventStoreDBClient;
  known: KnownStreams;
  retry: RetryOptions;
  /** Runs a read with the store's retries on transient errors. */
  retrying<T>(read: () => Promise<T>): Promise<T>;
  assertOpen(): void;
}

/**
 * One appendToStream call, from its first attempt to its answer. The caller holds the stream's
 * lock, so no other append of this process touches the stream meanwhile.
 *
 * EventStoreDB de-duplicates only an append repeated at the same expected revision with the same
 * event ids, and answers it with the same success as the first. So:
 * - every append names the exact revision we know the stream at (from the cache of known streams,
 *   or a read), and sends only the ids not already in the stream up to that revision;
 * - the ESDB ids (UUIDs) of the events are new for each call and kept across its retries. A retry
 *   after a lost answer (timeout, dropped connection, failover) is then safe and unambiguous: the
 *   server either writes the events or answers that this call's earlier attempt wrote them. An
 *   append of the same id by anyone else, even racing us at the same revision, carries other
 *   UUIDs, so the server refuses the later of the two instead of calling it a success, and the
 *   loser reads what was written and reports the id as a duplicate;
 * - a refusal (WrongExpectedVersion) carries the stream's actual revision: we read only the events
 *   after the revision we knew, never the whole stream again, and try again.
 */
export class StreamAppend {
  /** The ESDB id of each event, fixed for the whole call. */
  private readonly uuids = new Map<string, string>();
  /** Events found stored under this call's ESDB ids: an earlier attempt of this call wrote them. */
  private readonly written = new Map<string, { revision: bigint; position: Position }>();
  private stream: KnownStream;
  /** Whether `stream` is only assumed (an unknown stream taken as not existing yet), not known. */
  private assumed = false;
  /** Whether `stream` was brought up to date from the server during this call. */
  private synced = false;

  constructor(
    private readonly context: AppendContext,
    private readonly streamId: string,
    /** Already unique by id. */
    private readonly events: EventToAppend[],
    private readonly expected: ExpectedRevision,
    private readonly recordedAt: string,
  ) {
    for (const event of events) this.uuids.set(event.id, randomUUID());
  }

  async run(): Promise<AppendResult> {
    await this.start();
    let transientFailures = 0;
    let conflicts = 0;
    for (;;) {
      this.context.assertOpen();
      const stream = this.stream;
      const fresh = this.events.filter((e) => !stream.ids.has(e.id));
      const duplicateIds = this.events.filter((e) => stream.ids.has(e.id) && !this.written.has(e.id)).map((e) => e.id);
      // Everything is stored: an idempotent repeat succeeds whatever revision it expected.
      if (fresh.length === 0) return this.answer(duplicateIds);
      if (!matches(this.expected, stream.revision)) {
        // What we know may be behind the server, and newer events may hold our ids: look before refusing.
        if (this.synced) throw new WrongExpectedRevisionError(this.streamId, this.expected, stream.revision);
        await this.sync();
        continue;
      }

      try {
        const result = await this.context.client.appendToStream(
          this.streamId,
          fresh.map((e) => toEventData(e, this.uuids.get(e.id) as string, this.recordedAt)),
          { expectedRevision: stream.revision === 'no_stream' ? NO_STREAM : stream.revision, requiresLeader: true },
        );
        if (!result.success) {
          // `throwOnAppendFailure=false` in the connection string turned a refusal into a result.
          if (++conflicts > MAX_CONFLICTS) throw this.gaveUp(result.nextExpectedRevision);
          await this.sync(result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision);
          continue;
        }
        const first = stream.revision === 'no_stream' ? 0n : stream.revision + 1n;
        const last = first + BigInt(fresh.length) - 1n;
        if (!result.position || result.nextExpectedRevision !== last) {
          // A success that does not say where our events went (no position: a server before 22.6
          // answering a repeat) or says something else than we wrote: read back what is there.
          await this.sync();
          continue;
        }
        fresh.forEach((e, i) => stream.ids.set(e.id, Number(first) + i));
        stream.revision = last;
        stream.lastPosition = result.position.commit;
        this.context.known.remember(this.streamId, stream);
        return { nextExpectedRevision: last, position: result.position.commit, duplicateIds };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          if (++conflicts > MAX_CONFLICTS) throw this.gaveUp(error.actualVersion);
          await this.sync(error.actualVersion);
          continue;
        }
        if (!isTransient(error) || ++transientFailures >= this.context.retry.maxAttempts) throw error;
        // The events may or may not be stored. The same append again, at the same revision with the
        // same UUIDs, either writes them or is answered as this call's earlier success.
        await this.context.retry.sleep(backoffDelay(this.context.retry, transientFailures));
      }
    }
  }

  /** What is known of the stream to begin with: the cache, an assumption, or a read. */
  private async start(): Promise<void> {
    const known = this.context.known.get(this.streamId);
    if (known) {
      this.stream = known;
    } else if (this.expected === 'any' || this.expected === 'no_stream') {
      // Most unknown streams are new ones (one stream per fact): append as to a new stream, and
      // let the server's refusal, with the revision it names, tell when the stream exists.
      this.stream = { revision: 'no_stream', ids: new Map() };
      this.assumed = true;
    } else {
      await this.readWhole();
    }
  }

  /**
   * Brings what we know up to date: the events after the revision we knew, or the whole stream
   * when what we knew does not hold (only assumed, or the stream is now shorter: deleted).
   */
  private async sync(actual?: bigint | 'no_stream'): Promise<void> {
    const { revision } = this.stream;
    const shorter =
      actual !== undefined &&
      revision !== 'no_stream' &&
      (actual === 'no_stream' || actual < revision);
    if (this.assumed || shorter || revision === 'no_stream') {
      await this.readWhole();
    } else {
      const recorded = await this.readFrom(revision + 1n);
      this.absorb(this.stream, recorded);
      this.context.known.remember(this.streamId, this.stream);
    }
    this.synced = true;
  }

  private async readWhole(): Promise<void> {
    const stream: KnownStream = { revision: 'no_stream', ids: new Map() };
    this.absorb(stream, await this.readFrom(0n));
    this.context.known.forget(this.streamId);
    this.context.known.remember(this.streamId, stream);
    this.stream = stream;
    this.assumed = false;
    this.synced = true;
  }

  /** From the leader: a lagging follower would hide ids that are already stored. */
  private readFrom(revision: bigint): Promise<Resolved[]> {
    return this.context.retrying(async () => {
      try {
        return await collect(
          this.context.client.readStream(this.streamId, { direction: FORWARDS, fromRevision: revision, requiresLeader: true }),
        );
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    });
  }

  private absorb(stream: KnownStream, recorded: Resolved[]): void {
    for (const resolved of recorded) {
      const { event } = resolved;
      if (!event) continue;
      const id = ourEventId(event);
      // The first event of an id is its original; a later one (written by other tools) changes nothing.
      if (!stream.ids.has(id)) stream.ids.set(id, Number(event.revision));
      if (this.uuids.get(id) === event.id) this.written.set(id, { revision: event.revision, position: commitPosition(resolved) });
      // The revision comes from the last event of any kind, not only the ones we map.
      stream.revision = event.revision;
      stream.lastPosition = knownPosition(resolved);
    }
  }

  private async answer(duplicateIds: string[]): Promise<AppendResult> {
    const { revision } = this.stream;
    // Events stored imply the stream exists; this test only narrows the type.
    if (revision === 'no_stream') throw new Error(`stream "${this.streamId}" holds events but no revision`);
    if (this.written.size > 0) {
      const last = [...this.written.values()].reduce((a, b) => (a.revision > b.revision ? a : b));
      return { nextExpectedRevision: revision, position: last.position, duplicateIds };
    }
    // All duplicates: the position of the newest stored original.
    const newest = Math.max(...duplicateIds.map((id) => this.stream.ids.get(id) as number));
    return { nextExpectedRevision: revision, position: await this.positionAt(BigInt(newest)), duplicateIds };
  }

  private async positionAt(revision: bigint): Promise<Position> {
    if (revision === this.stream.revision && this.stream.lastPosition !== undefined) return this.stream.lastPosition;
    const [resolved] = await this.context.retrying(() =>
      collect(this.context.client.readStream(this.streamId, { direction: FORWARDS, fromRevision: revision, maxCount: 1, requiresLeader: true })),
    );
    if (!resolved) throw new Error(`stream "${this.streamId}" no longer holds revision ${revision}`);
    return commitPosition(resolved);
  }

  private gaveUp(actual: bigint | 'no_stream'): WrongExpectedRevisionError {
    return new WrongExpectedRevisionError(this.streamId, this.expected, actual);
  }
}

function matches(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && actual === expected)
  );
}
