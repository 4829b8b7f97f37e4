/**
 * The in-memory log behind the EventStoreDB stand-in (see fake-eventstoredb.ts): streams, $all,
 * and the server's rules for an append's expected revision and for idempotent repeats, as
 * EventStoreDB applies them (IndexCommitter.CheckCommit in the server's source):
 * - an append at exact revision E to a stream at revision C: written when E = C; when E < C and
 *   the events after E carry the append's event UUIDs, in order, the append is idempotent and
 *   answered as a success at the position of the last of them; otherwise refused (wrong expected
 *   version), as it is when E > C. `no_stream` is revision -1;
 * - `any` and `stream_exists` (the latter refused when the stream does not exist): when the
 *   append's first UUID is already in the stream it is idempotent if all are, refused if only some
 *   are; when the first is not there, everything is written, even UUIDs already stored.
 * Not a replacement for the real server: no persistence, deletion, ACLs, projections or scavenging.
 */

/** An event as an append proposes it. */
export interface ProposedEvent {
  uuid: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface FakeEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  /** Commit position = prepare position, as for events appended over gRPC. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the client reads them. */
  created: bigint;
}

export type ExpectedState = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { result: 'written' | 'idempotent'; currentRevision: bigint; position: bigint }
  | { result: 'wrong_expected_version'; currentRevision: bigint | undefined };

/** Where a read of $all starts: the first event, after the last one, or an exact position. */
export type AllFrom = 'start' | 'end' | bigint;

export class FakeDatabase {
  private readonly log: FakeEvent[] = [];
  private readonly streams = new Map<string, FakeEvent[]>();
  private readonly listeners = new Set<(event: FakeEvent) => void>();
  /** Positions are byte offsets in the real server's log: increasing, far apart, never 0. */
  private nextPosition = 4096n;

  constructor() {
    // A real $all starts with system events; ours must be skipped by every read of the adapter.
    this.write('$settings', [
      { uuid: '00000000-0000-4000-8000-000000000001', type: '$settings', contentType: 'application/json', data: json({}), metadata: new Uint8Array() },
    ]);
  }

  get all(): readonly FakeEvent[] {
    return this.log;
  }

  stream(streamId: string): readonly FakeEvent[] | undefined {
    return this.streams.get(streamId);
  }

  append(streamId: string, expected: ExpectedState, proposed: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId);
    const current = stream ? stream[stream.length - 1].revision : -1n;
    const refused: AppendOutcome = { result: 'wrong_expected_version', currentRevision: stream ? current : undefined };

    if (expected === 'any' || expected === 'stream_exists') {
      if (expected === 'stream_exists' && !stream) return refused;
      const stored = proposed.map((p) => stream?.find((e) => e.uuid === p.uuid));
      if (stored[0] === undefined) return this.write(streamId, proposed);
      if (stored.some((e) => e === undefined)) return refused;
      return idempotent(stored[stored.length - 1] as FakeEvent);
    }

    const at = expected === 'no_stream' ? -1n : expected;
    if (at === current) return this.write(streamId, proposed);
    if (at > current || !stream) return refused;
    for (let i = 0; i < proposed.length; i++) {
      const event = stream[Number(at) + 1 + i];
      if (event?.uuid !== proposed[i].uuid) return refused;
    }
    return idempotent(stream[Number(at) + proposed.length]);
  }

  readStream(streamId: string, from: 'start' | 'end' | bigint, backwards: boolean, count: number): FakeEvent[] | 'not_found' {
    const stream = this.streams.get(streamId);
    if (!stream) return 'not_found';
    if (backwards) {
      const top = from === 'end' || from === 'start' ? stream.length - 1 : Math.min(Number(from), stream.length - 1);
      return from === 'start' ? stream.slice(0, 1) : stream.slice(Math.max(0, top - count + 1), top + 1).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
    return stream.slice(start, start + count);
  }

  /** Forwards from a position includes the event there; backwards from it does not. */
  readAll(from: AllFrom, backwards: boolean, count: number): FakeEvent[] {
    if (backwards) {
      const before = from === 'end' ? this.log : from === 'start' ? [] : this.log.filter((e) => e.position < from);
      return before.slice(Math.max(0, before.length - count)).reverse();
    }
    const start = from === 'start' ? this.log : from === 'end' ? [] : this.log.filter((e) => e.position >= from);
    return start.slice(0, count);
  }

  /** What a subscription catches up on: everything strictly after its start. */
  eventsAfter(from: AllFrom): FakeEvent[] {
    if (from === 'start') return [...this.log];
    if (from === 'end') return [];
    return this.log.filter((e) => e.position > from);
  }

  /** Called with each event written, in order, right as it is written. */
  onAppend(listener: (event: FakeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(streamId: string, proposed: ProposedEvent[]): AppendOutcome {
    if (proposed.length === 0) throw new Error('the stand-in takes appends of at least one event');
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const created = BigInt(Date.now()) * 10_000n;
    const written = proposed.map((p) => {
      const event: FakeEvent = { ...p, streamId, revision: BigInt(stream.length), position: this.nextPosition, created };
      this.nextPosition += BigInt(128 + p.type.length + p.data.length + p.metadata.length);
      stream.push(event);
      this.log.push(event);
      return event;
    });
    for (const event of written) for (const listener of this.listeners) listener(event);
    const last = written[written.length - 1];
    return { result: 'written', currentRevision: last.revision, position: last.position };
  }
}

/** ESDB answers a repeat with the revision and position of the last event it matched. */
function idempotent(lastOfThem: FakeEvent): AppendOutcome {
  return { result: 'idempotent', currentRevision: lastOfThem.revision, position: lastOfThem.position };
}

function json(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
