/**
 * The EventStoreDB adapter under faults injected at the gRPC boundary: the real client talks the
 * real protocol to a stand-in server (testing/fake-eventstoredb.ts) told to fail the way servers
 * and networks do, or to a TCP proxy in front of it that resets connections. Nothing in the client
 * is mocked. Back-offs are recorded instead of waited out: the tests never wait on time.
 */
import { randomUUID } from 'node:crypto';
import type { Position, StoredEvent, Subscription } from '../event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import type { RetryOptions } from './retry';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';
import { ACCESS_DENIED, CANCELLED, COMMIT_TIMEOUT, DEADLINE_EXCEEDED, NOT_LEADER, UNAVAILABLE } from './testing/fault-plan';
import { TcpProxy } from './testing/tcp-proxy';

const fact = (id: string, n = 0) => ({ id, type: 'Tested', data: { n }, metadata: { by: 'faults' } });

/** Retries that record the delay asked for and go on after one turn of the event loop. */
function recordedRetries(): { delays: number[]; retry: Partial<RetryOptions> } {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  // random 1: each delay is its nominal value, 10 ms doubling up to 80 ms.
  return { delays, retry: { baseDelayMs: 10, maxDelayMs: 80, maxAttempts: 4, random: () => 1, sleep } };
}

/** The next `count` events of the iterator, by id. */
async function nextIds(events: AsyncIterator<StoredEvent>, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const next = await events.next();
    if (next.done) throw new Error(`the subscription ended after ${ids.join(', ')}`);
    ids.push(next.value.id);
  }
  return ids;
}

let server: FakeEventStoreDb;
let proxy: TcpProxy | undefined;
let stores: EventStoreDbEventStore[];
let recorded: ReturnType<typeof recordedRetries>;
let stream: string;

async function open(connectionString = server.connectionString(), retry = recorded.retry): Promise<EventStoreDbEventStore> {
  const store = await EventStoreDbEventStore.connect(connectionString, { retry });
  stores.push(store);
  return store;
}

async function startServer(options: Parameters<typeof FakeEventStoreDb.start>[0] = {}): Promise<void> {
  server = await FakeEventStoreDb.start(options);
}

beforeEach(() => {
  stores = [];
  proxy = undefined;
  recorded = recordedRetries();
  stream = `faults-${randomUUID()}`;
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await proxy?.stop();
  await server?.stop();
});

describe('a subscription keeps delivering every event once, in order', () => {
  let subscription: Subscription | undefined;
  afterEach(() => subscription?.close());

  /** Subscribes `reader` from the start and takes the two events `writer` appends first. */
  async function subscribeAndTakeTwo(reader: EventStoreDbEventStore, writer: EventStoreDbEventStore): Promise<AsyncIterator<StoredEvent>> {
    await writer.appendToStream(stream, [fact('e1'), fact('e2')]);
    subscription = reader.subscribeToAll();
    const events = subscription[Symbol.asyncIterator]();
    expect(await nextIds(events, 2)).toEqual(['e1', 'e2']);
    return events;
  }

  it('across a dropped connection (every TCP connection reset)', async () => {
    await startServer();
    proxy = await TcpProxy.start(server.nodes[0].endpoint);
    const reader = await open(server.connectionString(proxy.endpoint));
    const writer = await open();
    const events = await subscribeAndTakeTwo(reader, writer);
    const connectionsBefore = proxy.connections;

    proxy.dropConnections();
    await writer.appendToStream(stream, [fact('e3')]);
    await writer.appendToStream(stream, [fact('e4')]);

    expect(await nextIds(events, 2)).toEqual(['e3', 'e4']);
    expect(proxy.connections).toBeGreaterThan(connectionsBefore);
    const e2 = (await writer.readStream(stream))[1];
    // Subscribed again from the last event it delivered, not from the start.
    expect(server.callsTo('subscribe').at(-1)?.from).toBe(String(e2.position));
    expect(recorded.delays.length).toBeGreaterThanOrEqual(1);
  });

  it('across a node that stops being the leader (not-leader), moving to the new leader', async () => {
    await startServer({ nodes: 2 });
    const [first, second] = server.nodes;
    const reader = await open(server.connectionString(first));
    const writer = await open(server.connectionString(second));
    server.elect(second);
    const events = await subscribeAndTakeTwo(reader, writer);

    // The subscription pulls only when asked: it notices the drop, and subscribes again, while a consumer waits.
    const next = nextIds(events, 2);
    const resubscribed = server.nextSubscription();
    first.dropSubscriptions(NOT_LEADER);
    expect(await resubscribed).toBe(second);
    await writer.appendToStream(stream, [fact('e3')]);
    await writer.appendToStream(stream, [fact('e4')]);

    expect(await next).toEqual(['e3', 'e4']);
    expect(server.callsTo('subscribe').map((c) => c.node)).toEqual(['node-1', 'node-2']);
  });

  it.each([
    ['a deadline error', DEADLINE_EXCEEDED],
    ['a server-side cancellation', CANCELLED],
    ['an unavailable node', UNAVAILABLE],
  ])('across %s, events appended meanwhile included', async (_name, fault) => {
    await startServer();
    const [reader, writer] = [await open(), await open()];
    const events = await subscribeAndTakeTwo(reader, writer);

    server.nodes[0].dropSubscriptions(fault);
    await writer.appendToStream(stream, [fact('e3'), fact('e4')]);
    await writer.appendToStream(stream, [fact('e5')]);

    expect(await nextIds(events, 3)).toEqual(['e3', 'e4', 'e5']);
    expect(server.callsTo('subscribe')).toHaveLength(2);
    expect(recorded.delays).toEqual([10]);
  });

  it('ends with the error when another try cannot help (access denied)', async () => {
    await startServer();
    const store = await open();
    const events = await subscribeAndTakeTwo(store, store);
    server.nodes[0].dropSubscriptions(ACCESS_DENIED);
    await expect(events.next()).rejects.toMatchObject({ type: 'access-denied' });
    expect(server.callsTo('subscribe')).toHaveLength(1);
  });

  it('ends when closed', async () => {
    await startServer();
    const store = await open();
    const events = await subscribeAndTakeTwo(store, store);
    await subscription!.close();
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });
});

describe.each([
  ['BatchAppend (servers since 21.10)', true],
  ['Append (older servers)', false],
])('appends over %s', (_name, batchAppend) => {
  beforeEach(() => startServer({ batchAppend }));

  it.each([
    ['unavailable', UNAVAILABLE],
    ['a deadline error', DEADLINE_EXCEEDED],
    ['a commit timeout', COMMIT_TIMEOUT],
    ['a server-side cancellation', CANCELLED],
  ])('are retried across %s and stored once', async (_fault, fault) => {
    const store = await open();
    server.faults.failNext('append', fault, 2);

    const result = await store.appendToStream(stream, [fact('a'), fact('b')]);

    expect(result.duplicateIds).toEqual([]);
    expect(server.stored(stream).map((e) => e.revision)).toEqual([0n, 1n]);
    expect(result.position).toBe(server.stored(stream)[1].position);
    expect(server.callsTo('append', stream)).toHaveLength(3);
    expect(recorded.delays).toEqual([10, 20]);
  });

  it('follow a not-leader answer to the leader it names, and are stored once', async () => {
    await server.stop();
    await startServer({ nodes: 2, batchAppend });
    const [follower, leader] = server.nodes;
    server.elect(leader);
    const store = await open(server.connectionString(follower));

    const result = await store.appendToStream(stream, [fact('a')]);

    expect(result.duplicateIds).toEqual([]);
    expect(server.stored(stream)).toHaveLength(1);
    expect(server.callsTo('append', stream).map((c) => c.node)).toEqual(['node-1', 'node-2']);
    expect(server.callsTo('append', stream).every((c) => c.requiresLeader)).toBe(true);
  });

  it('give up after the attempts allowed, with the last error', async () => {
    const store = await open();
    server.faults.failNext('append', UNAVAILABLE, 4);
    await expect(store.appendToStream(stream, [fact('a')])).rejects.toMatchObject({ type: 'unavailable' });
    expect(server.callsTo('append', stream)).toHaveLength(4);
    expect(server.stored(stream)).toHaveLength(0);
  });

  it.each([
    ['unavailable', UNAVAILABLE],
    ['a commit timeout', COMMIT_TIMEOUT],
  ])('whose answer was lost (written, then %s) report success once, and the same ids again as duplicates', async (_fault, fault) => {
    const store = await open();
    server.faults.loseNextAnswers(fault);

    const first = await store.appendToStream(stream, [fact('a'), fact('b')]);
    expect(first.duplicateIds).toEqual([]);
    // The retry was the same append again: the server answered it as the earlier write.
    expect(server.callsTo('append', stream)).toHaveLength(2);

    const again = await store.appendToStream(stream, [fact('a'), fact('b')]);
    expect(again).toEqual({ nextExpectedRevision: 1n, position: first.position, duplicateIds: ['a', 'b'] });
    // So does another process, which knows nothing of the stream.
    const elsewhere = await (await open()).appendToStream(stream, [fact('b'), fact('c')]);
    expect(elsewhere.duplicateIds).toEqual(['b']);
    expect(server.stored(stream).map((e) => JSON.parse(Buffer.from(e.metadata).toString()).eventId)).toEqual(['a', 'b', 'c']);
  });

  it('racing from two processes with the same id: exactly one hears it stored, the other hears duplicate', async () => {
    const [left, right] = [await open(), await open()];
    // Both know the stream at revision 0 before the race.
    await left.appendToStream(stream, [fact('first')]);
    expect((await right.appendToStream(stream, [fact('first')])).duplicateIds).toEqual(['first']);

    server.faults.holdAppendsUntil(2);
    const results = await Promise.all([left.appendToStream(stream, [fact('x')]), right.appendToStream(stream, [fact('x')])]);

    expect(results.map((r) => r.duplicateIds).sort()).toEqual([[], ['x']]);
    expect(results[0].position).toBe(results[1].position);
    expect(server.stored(stream)).toHaveLength(2);
  });

  it('racing from two processes to create a stream: one stored, one duplicate', async () => {
    const [left, right] = [await open(), await open()];
    server.faults.holdAppendsUntil(2);
    const results = await Promise.all([left.appendToStream(stream, [fact('x')]), right.appendToStream(stream, [fact('x')])]);
    expect(results.map((r) => r.duplicateIds).sort()).toEqual([[], ['x']]);
    expect(server.stored(stream)).toHaveLength(1);
  });

  it('racing in one process with the same id: one stored, one duplicate', async () => {
    const store = await open();
    const results = await Promise.all([
      store.appendToStream(stream, [fact('x')]),
      store.appendToStream(stream, [fact('x'), fact('y')]),
      store.appendToStream(stream, [fact('y')]),
    ]);
    expect(results.map((r) => r.duplicateIds)).toEqual([[], ['x'], ['y']]);
    expect(server.stored(stream)).toHaveLength(2);
  });

  it("with 'any' use the revision known from the last append, and read only what is new after a refusal", async () => {
    const store = await open();
    await store.appendToStream(stream, [fact('a')]);
    await store.appendToStream(stream, [fact('b')]);
    await store.appendToStream(stream, [fact('c')], { expectedRevision: 1n });
    expect(server.callsTo('read-stream', stream)).toEqual([]);

    // Another process moves the stream: the next append is refused, reads from revision 3 on, and goes through.
    await (await open()).appendToStream(stream, [fact('d')]);
    const readsBefore = server.callsTo('read-stream', stream).length;
    const result = await store.appendToStream(stream, [fact('e'), fact('d')]);
    expect(result).toMatchObject({ nextExpectedRevision: 4n, duplicateIds: ['d'] });
    expect(server.callsTo('read-stream', stream).slice(readsBefore).map((c) => c.from)).toEqual(['3']);
  });

  it('refuse a stale expected revision only after looking at what is new', async () => {
    const store = await open();
    await store.appendToStream(stream, [fact('a')]);
    await (await open()).appendToStream(stream, [fact('b')]);
    // Known at 0 here, at 1 on the server: expecting 1 is right, expecting 0 is not.
    await expect(store.appendToStream(stream, [fact('c')], { expectedRevision: 0n })).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
      actual: 1n,
    });
    expect((await store.appendToStream(stream, [fact('c')], { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
  });
});

describe('reads', () => {
  beforeEach(() => startServer());

  it('are retried across unavailable, not-leader and deadline errors', async () => {
    const store = await open();
    await store.appendToStream(stream, [fact('a'), fact('b')]);
    server.faults.failNext('read-stream', UNAVAILABLE).failNext('read-stream', NOT_LEADER).failNext('read-stream', DEADLINE_EXCEEDED);
    server.faults.failNext('read-all', UNAVAILABLE, 2);

    expect((await store.readStream(stream)).map((e) => e.id)).toEqual(['a', 'b']);
    expect((await store.readAll()).map((e) => e.id)).toEqual(['a', 'b']);
    server.faults.failNext('read-all', NOT_LEADER);
    expect(await store.headPosition()).toBe(server.stored(stream)[1].position);
    server.faults.failNext('read-stream', DEADLINE_EXCEEDED);
    expect((await store.readLastEvent(stream))?.id).toBe('b');

    expect(server.faults.pending).toBe(0);
    expect(recorded.delays).toEqual([10, 20, 40, 10, 20, 10, 10]);
  });

  it('give up after the attempts allowed, with the last error', async () => {
    const store = await open();
    server.faults.failNext('read-all', UNAVAILABLE, 3).failNext('read-all', DEADLINE_EXCEEDED);
    await expect(store.readAll()).rejects.toMatchObject({ type: 'deadline-exceeded' });
    expect(server.callsTo('read-all')).toHaveLength(1 + 4); // connect's probe, then four tries
  });
});

describe('waitForEvents', () => {
  beforeEach(() => startServer());

  it('recovers after an outage, backing off longer after each failure', async () => {
    const store = await open();
    const writer = await open();
    const head: Position = await store.headPosition();
    const subscribed = server.nextSubscription();
    const waiting = store.waitForEvents(head);
    await subscribed;

    // The subscription is dropped, and the next three tries are refused.
    server.faults.failNext('subscribe', UNAVAILABLE, 3);
    server.nodes[0].dropSubscriptions(UNAVAILABLE);
    await writer.appendToStream(stream, [fact('a')]);

    await waiting;
    expect(recorded.delays).toEqual([10, 20, 40, 80]);
    expect(server.callsTo('subscribe')).toHaveLength(5);
  });

  it('resolves when the store closes while it backs off', async () => {
    let backingOff!: () => void;
    const backedOff = new Promise<void>((resolve) => (backingOff = resolve));
    // A back-off that never ends by itself: only close() can end the wait.
    const store = await open(server.connectionString(), { sleep: () => (backingOff(), new Promise<void>(() => undefined)) });
    server.faults.failNext('subscribe', UNAVAILABLE);

    const waiting = store.waitForEvents(0n);
    await backedOff;
    await store.close();
    await waiting;
    expect(server.callsTo('subscribe')).toHaveLength(1);
  });

  it('resolves when its signal aborts', async () => {
    const store = await open();
    const abort = new AbortController();
    const subscribed = server.nextSubscription();
    const waiting = store.waitForEvents(await store.headPosition(), abort.signal);
    await subscribed;
    abort.abort();
    await waiting;
  });
});
