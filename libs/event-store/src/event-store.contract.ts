import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './errors';
import type { Clock, EventStore, StoredEvent } from './event-store';

/** How a store under test is opened, and reopened as after a restart, with the test's clock. */
export interface StoreHarness {
  open(clock: Clock): Promise<EventStore>;
  /** Closes the store and opens it again on the same data. */
  restart(store: EventStore, clock: Clock): Promise<EventStore>;
  cleanup?(): Promise<void>;
}

const event = (id: string, n = 0) => ({ id, type: 'Tested', data: { n, text: 'محروم' }, metadata: { by: 'contract' } });

async function take(iterable: AsyncIterable<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const taken: StoredEvent[] = [];
  if (count === 0) return taken;
  for await (const e of iterable) {
    taken.push(e);
    if (taken.length === count) break;
  }
  return taken;
}

/** The behaviour every event store must have; run once per implementation. */
export function eventStoreContract(harness: StoreHarness): void {
  const clockTime = new Date('2026-09-06T08:00:00Z');
  const clock: Clock = () => clockTime;
  let store: EventStore;
  // Streams and ids are unique per test so the suite can run against a shared server.
  let stream: string;
  const id = (suffix: string) => `${stream}:${suffix}`;

  beforeEach(async () => {
    store = await harness.open(clock);
    stream = `contract-${randomUUID()}`;
  });
  afterEach(async () => {
    await store.close();
    await harness.cleanup?.();
  });

  it('appends to a new stream and reads it back in order with what was stored', async () => {
    const result = await store.appendToStream(stream, [event(id('a'), 1), event(id('b'), 2)], { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(1n);
    expect(typeof result.position).toBe('bigint');
    expect(result.duplicateIds).toEqual([]);
    const read = await store.readStream(stream);
    expect(read.map((e) => [e.id, e.revision, e.type, e.data, e.metadata])).toEqual([
      [id('a'), 0n, 'Tested', { n: 1, text: 'محروم' }, { by: 'contract' }],
      [id('b'), 1n, 'Tested', { n: 2, text: 'محروم' }, { by: 'contract' }],
    ]);
    expect(read[1].position).toBe(result.position);
    expect(read[0].position < read[1].position).toBe(true);
    expect(read[0].recordedAt.toISOString()).toBe(clockTime.toISOString());
  });

  it('reads a stream that does not exist as empty', async () => {
    expect(await store.readStream(`${stream}-missing`)).toEqual([]);
  });

  it("reads a stream's last event, and nothing for a stream that does not exist", async () => {
    expect(await store.readLastEvent(stream)).toBeUndefined();
    await store.appendToStream(stream, [event(id('a'), 1), event(id('b'), 2)]);
    const last = await store.readLastEvent(stream);
    expect([last?.id, last?.revision, last?.data]).toEqual([id('b'), 1n, { n: 2, text: 'محروم' }]);
  });

  it('refuses a stale expected revision and writes nothing', async () => {
    await store.appendToStream(stream, [event(id('a'))], { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, [event(id('b'))], { expectedRevision: 0n });
    const stale = store.appendToStream(stream, [event(id('c'))], { expectedRevision: 0n });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(store.appendToStream(stream, [event(id('d'))], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      streamId: stream,
      actual: 1n,
    });
    await expect(store.appendToStream(`${stream}-new`, [event(id('e'))], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([id('a'), id('b')]);
    expect(await store.readStream(`${stream}-new`)).toEqual([]);
  });

  it('lets exactly one of two concurrent appends at the same revision win', async () => {
    await store.appendToStream(stream, [event(id('a'))]);
    const outcomes = await Promise.allSettled([
      store.appendToStream(stream, [event(id('left'))], { expectedRevision: 0n }),
      store.appendToStream(stream, [event(id('right'))], { expectedRevision: 0n }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('reports the same event id again as a duplicate and never stores it twice', async () => {
    const first = await store.appendToStream(stream, [event(id('a'), 1)]);
    const again = await store.appendToStream(stream, [event(id('a'), 99)], { expectedRevision: 'no_stream' });
    expect(again.duplicateIds).toEqual([id('a')]);
    expect(again.position).toBe(first.position);
    const mixed = await store.appendToStream(stream, [event(id('a')), event(id('b'))], { expectedRevision: 0n });
    expect(mixed.duplicateIds).toEqual([id('a')]);
    const read = await store.readStream(stream);
    expect(read.map((e) => [e.id, e.data])).toEqual([
      [id('a'), { n: 1, text: 'محروم' }],
      [id('b'), { n: 0, text: 'محروم' }],
    ]);
  });

  it('keeps duplicates out after a restart', async () => {
    await store.appendToStream(stream, [event(id('a'))]);
    store = await harness.restart(store, clock);
    const again = await store.appendToStream(stream, [event(id('a'))]);
    expect(again.duplicateIds).toEqual([id('a')]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('reads everything after a global position, in global order', async () => {
    const before = await store.headPosition();
    await store.appendToStream(`${stream}-x`, [event(id('x1'))]);
    const middle = await store.appendToStream(`${stream}-y`, [event(id('y1'))]);
    await store.appendToStream(`${stream}-x`, [event(id('x2'))]);
    const all = (await store.readAll({ after: before, maxCount: 1000 })).filter((e) => e.streamId.startsWith(stream));
    expect(all.map((e) => e.id)).toEqual([id('x1'), id('y1'), id('x2')]);
    const positions = all.map((e) => e.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    const after = (await store.readAll({ after: middle.position })).filter((e) => e.streamId.startsWith(stream));
    expect(after.map((e) => e.id)).toEqual([id('x2')]);
    expect(await store.readAll({ after: before, maxCount: 2 })).toHaveLength(2);
    expect(await store.headPosition()).toBe(positions[2]);
  });

  it('subscribes from a checkpoint, catches up, then receives new events live', async () => {
    await store.appendToStream(stream, [event(id('old'))]);
    const checkpoint = await store.headPosition();
    await store.appendToStream(stream, [event(id('caught-up'))]);
    const subscription = store.subscribeToAll({ after: checkpoint });
    const received = take(
      (async function* () {
        for await (const e of subscription) if (e.streamId === stream) yield e;
      })(),
      3,
    );
    await store.appendToStream(stream, [event(id('live-1'))]);
    await store.appendToStream(stream, [event(id('live-2'))]);
    const events = await received;
    await subscription.close();
    expect(events.map((e) => e.id)).toEqual([id('caught-up'), id('live-1'), id('live-2')]);
  });

  it('keeps every event of many concurrent appends, each once, in one global order', async () => {
    const before = await store.headPosition();
    const appends = Array.from({ length: 200 }, (_, i) => store.appendToStream(`${stream}-${i % 7}`, [event(id(`c${i}`), i)]));
    const results = await Promise.all(appends);
    const positions = new Set(results.map((r) => r.position));
    expect(positions.size).toBe(200);
    const all = (await store.readAll({ after: before, maxCount: 1000 })).filter((e) => e.streamId.startsWith(stream));
    expect(all).toHaveLength(200);
    expect(new Set(all.map((e) => e.id)).size).toBe(200);
  });
}
