/**
 * A stand-in for EventStoreDB, for fault injection in tests: the real gRPC protocol (the service
 * definitions and messages shipped with @eventstore/db-client), served from an in-memory log, with
 * switches to fail calls the way a server or a network does. It is not a replacement for the real
 * server: the contract suite against a real one (EVENTSTORE_CONNECTION_STRING) stays the reference.
 *
 * What it serves: Streams.Read (stream reads, $all reads, catch-up subscriptions to $all with an
 * event-type or stream-name filter), Streams.Append, Streams.BatchAppend (when it advertises it, as
 * servers since 21.10 do) and ServerFeatures. A cluster of several nodes shares one log; a node
 * that is not the leader answers calls that require the leader with the not-leader exception
 * naming the leader, as EventStoreDB does, and the client reconnects there.
 */
import { randomUUID } from 'node:crypto';
import {
  Server,
  ServerCredentials,
  status,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerWritableStream,
  type ServiceError,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { FakeDatabase, type AllFrom, type AppendOutcome, type ExpectedState, type FakeEvent, type ProposedEvent } from './fake-database';
import { FaultPlan, type Fault, type FaultTarget } from './fault-plan';
import {
  appendResponse,
  batchResponse,
  caughtUp,
  confirmation,
  expectedOfAppend,
  expectedOfBatch,
  faultError,
  fromAppendProposal,
  fromBatchProposal,
  readEvent,
  streamName,
  streamNotFound,
  type Endpoint,
} from './messages';

/** One call the stand-in received, for tests to tell what the adapter asked. */
export interface CallRecord {
  node: string;
  method: FaultTarget | 'server-features';
  /** The stream of a stream read or an append. */
  streamId?: string;
  /** Where the read started: 'start', 'end', a revision (stream reads) or a commit position ($all). */
  from?: string;
  requiresLeader: boolean;
}

export interface FakeClusterOptions {
  /** Nodes sharing the log; the first is the leader. */
  nodes?: number;
  /** Advertise BatchAppend in ServerFeatures, as servers since 21.10 do; otherwise the client uses Append. */
  batchAppend?: boolean;
}

/** An append as it reaches the log: the outcome, or the error the call ends with. */
type AppendAnswer = { outcome: AppendOutcome } | { fault: Fault };

export class FakeEventStoreDb {
  readonly db = new FakeDatabase();
  readonly faults = new FaultPlan();
  readonly calls: CallRecord[] = [];
  readonly nodes: FakeNode[] = [];
  leader: FakeNode;
  private subscriptionWaiters: Array<(node: FakeNode) => void> = [];

  private constructor(readonly batchAppend: boolean) {}

  static async start(options: FakeClusterOptions = {}): Promise<FakeEventStoreDb> {
    const cluster = new FakeEventStoreDb(options.batchAppend ?? true);
    for (let i = 0; i < (options.nodes ?? 1); i++) cluster.nodes.push(await FakeNode.start(`node-${i + 1}`, cluster));
    cluster.leader = cluster.nodes[0];
    return cluster;
  }

  /** A single-host connection string: the client talks to that node only, or to the leader it names. */
  connectionString(node: FakeNode | Endpoint = this.nodes[0]): string {
    const { host, port } = 'endpoint' in node ? node.endpoint : node;
    return `esdb://${host}:${port}?tls=false`;
  }

  /** Makes `node` the leader; the others then answer calls that require the leader with not-leader. */
  elect(node: FakeNode): void {
    this.leader = node;
  }

  /** Events of the given streams (or all non-system ones), as stored: for tests to count copies. */
  stored(streamPrefix = ''): FakeEvent[] {
    return this.db.all.filter((e) => !e.streamId.startsWith('$') && e.streamId.startsWith(streamPrefix));
  }

  /** Resolves with the node that serves the next subscription, once it has caught it up and listens for new events. */
  nextSubscription(): Promise<FakeNode> {
    return new Promise((resolve) => this.subscriptionWaiters.push(resolve));
  }

  /** For the nodes: a subscription is now served. */
  subscribed(node: FakeNode): void {
    const waiters = this.subscriptionWaiters;
    this.subscriptionWaiters = [];
    for (const resolve of waiters) resolve(node);
  }

  callsTo(method: CallRecord['method'], streamId?: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method && (streamId === undefined || c.streamId === streamId));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}

interface OpenSubscription {
  end(fault: Fault): void;
}

export class FakeNode {
  private readonly server = new Server();
  private readonly subscriptions = new Set<OpenSubscription>();
  private port = 0;

  private constructor(
    readonly name: string,
    private readonly cluster: FakeEventStoreDb,
  ) {}

  static async start(name: string, cluster: FakeEventStoreDb): Promise<FakeNode> {
    const node = new FakeNode(name, cluster);
    node.server.addService(StreamsService, node.streamsService());
    node.server.addService(ServerFeaturesService, { getSupportedMethods: (_call: unknown, callback: sendUnaryData<SupportedMethods>) => node.serverFeatures(callback) });
    node.port = await new Promise<number>((resolve, reject) =>
      node.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return node;
  }

  get endpoint(): Endpoint {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Ends every open subscription of this node with `fault`, as a node going away or stepping down does. */
  dropSubscriptions(fault: Fault): void {
    for (const subscription of [...this.subscriptions]) subscription.end(fault);
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private streamsService(): IStreamsServer {
    const unimplemented = (_call: unknown, callback: sendUnaryData<never>) =>
      callback({ code: status.UNIMPLEMENTED, details: 'not served by the stand-in' } as ServiceError, null);
    return {
      read: (call) => this.read(call),
      append: (call, callback) => this.append(call, callback),
      batchAppend: (call) => this.batchAppend(call),
      delete: unimplemented,
      tombstone: unimplemented,
    };
  }

  private serverFeatures(callback: sendUnaryData<SupportedMethods>): void {
    this.cluster.calls.push({ node: this.name, method: 'server-features', requiresLeader: false });
    if (!this.cluster.batchAppend) {
      callback({ code: status.UNIMPLEMENTED, details: 'ServerFeatures' } as ServiceError, null);
      return;
    }
    const methods = ['read', 'append', 'batchappend'].map((method) =>
      new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(method),
    );
    callback(null, new SupportedMethods().setEventStoreServerVersion('24.10.0-stand-in').setMethodsList(methods));
  }

  /** A fault planned for this call, or not-leader when it requires the leader and this node is not it. */
  private refusal(target: FaultTarget, requiresLeader: boolean): Fault | undefined {
    if (requiresLeader && this.cluster.leader !== this) return { notLeader: true };
    return this.cluster.faults.takeRefusal(target);
  }

  private fail(call: { emit(event: 'error', error: Partial<ServiceError>): unknown }, fault: Fault): void {
    call.emit('error', faultError(fault, this.cluster.leader.endpoint));
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) return this.fail(call, { code: status.UNAVAILABLE });
    const requiresLeader = call.metadata.get('requires-leader')[0] === 'true';
    const count = options.hasCount() ? Number(BigInt(options.getCount())) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === 1;

    if (options.hasStream()) {
      const stream = options.getStream()!;
      const name = streamName(stream.getStreamIdentifier());
      const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? 'end' : 'start';
      this.record({ method: 'read-stream', streamId: name, from: String(from), requiresLeader });
      const refusal = this.refusal('read-stream', requiresLeader);
      if (refusal) return this.fail(call, refusal);
      const events = this.cluster.db.readStream(name, from, backwards, count);
      if (events === 'not_found') call.write(streamNotFound(name));
      else for (const event of events) call.write(readEvent(event, false));
      call.end();
      return;
    }

    const all = options.getAll()!;
    const from: AllFrom = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all.hasEnd() ? 'end' : 'start';
    if (options.hasSubscription()) return this.subscribe(call, from, requiresLeader);
    this.record({ method: 'read-all', from: String(from), requiresLeader });
    const refusal = this.refusal('read-all', requiresLeader);
    if (refusal) return this.fail(call, refusal);
    for (const event of this.cluster.db.readAll(from, backwards, count)) call.write(readEvent(event, true));
    call.end();
  }

  /** Catch-up then live, with no gap and no repeat between them: both happen in one synchronous step. */
  private subscribe(call: ServerWritableStream<ReadReq, ReadResp>, from: AllFrom, requiresLeader: boolean): void {
    this.record({ method: 'subscribe', from: String(from), requiresLeader });
    const refusal = this.refusal('subscribe', requiresLeader);
    if (refusal) return this.fail(call, refusal);
    const options = call.request.getOptions()!;
    const shows = subscriptionFilter(options);
    call.write(confirmation(randomUUID()));
    const start = from === 'end' ? (this.cluster.db.all.at(-1)?.position ?? 'start') : from;
    for (const event of this.cluster.db.eventsAfter(start)) if (shows(event)) call.write(readEvent(event, true));
    // Servers send caught-up only to clients that ask for it (a compatibility level the 6.x client does not set).
    if ((options.getControlOption()?.getCompatibility() ?? 0) >= 1) call.write(caughtUp());
    const stopListening = this.cluster.db.onAppend((event) => {
      if (shows(event)) call.write(readEvent(event, true));
    });
    const subscription: OpenSubscription = {
      end: (fault) => {
        stopListening();
        this.subscriptions.delete(subscription);
        this.fail(call, fault);
      },
    };
    this.subscriptions.add(subscription);
    call.on('cancelled', () => {
      stopListening();
      this.subscriptions.delete(subscription);
    });
    this.cluster.subscribed(this);
  }

  private append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) proposed.push(fromAppendProposal(message));
    });
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'no options' } as ServiceError, null);
      const name = streamName(options.getStreamIdentifier());
      const expected = expectedOfAppend(options);
      const requiresLeader = call.metadata.get('requires-leader')[0] === 'true';
      void this.appendToLog(name, expected, proposed, requiresLeader).then((answer) => {
        if ('fault' in answer) callback(faultError(answer.fault, this.cluster.leader.endpoint), null);
        else callback(null, appendResponse(answer.outcome, expected));
      });
    });
  }

  /**
   * BatchAppend as EventStoreDB serves it: requests on one long-lived call, each answered by
   * correlation id. A timeout is answered per request; a dropped connection, a cancellation or
   * a node that is not the leader end the whole call, failing every append waiting on it.
   */
  private batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const requiresLeader = call.metadata.get('requires-leader')[0] === 'true';
    const pending = new Map<string, { stream: string; expected: ExpectedState; proposed: ProposedEvent[] }>();
    let ended = false;
    call.on('data', (request: BatchAppendReq) => {
      if (ended) return;
      const correlationId = request.getCorrelationId()?.getString() ?? '';
      const options = request.getOptions();
      if (options) pending.set(correlationId, { stream: streamName(options.getStreamIdentifier()), expected: expectedOfBatch(options), proposed: [] });
      const write = pending.get(correlationId);
      if (!write) return;
      write.proposed.push(...request.getProposedMessagesList().map(fromBatchProposal));
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      void this.appendToLog(write.stream, write.expected, write.proposed, requiresLeader).then((answer) => {
        if (ended) return;
        if (!('fault' in answer)) {
          call.write(batchResponse(correlationId, write.stream, answer.outcome, write.expected));
        } else if ('code' in answer.fault && (answer.fault.code === status.DEADLINE_EXCEEDED || answer.fault.code === status.ABORTED)) {
          call.write(batchResponse(correlationId, write.stream, 'timeout', write.expected));
        } else {
          ended = true;
          this.fail(call, answer.fault);
        }
      });
    });
    call.on('end', () => {
      if (!ended) call.end();
    });
  }

  /** The part of an append common to Append and BatchAppend: faults, the gate, the log. */
  private async appendToLog(stream: string, expected: ExpectedState, proposed: ProposedEvent[], requiresLeader: boolean): Promise<AppendAnswer> {
    this.record({ method: 'append', streamId: stream, requiresLeader });
    const refusal = this.refusal('append', requiresLeader);
    if (refusal) return { fault: refusal };
    await this.cluster.faults.passGate();
    const outcome = this.cluster.db.append(stream, expected, proposed);
    const lost = this.cluster.faults.takeLostAnswer();
    return lost ? { fault: lost } : { outcome };
  }

  private record(call: Omit<CallRecord, 'node'>): void {
    this.cluster.calls.push({ node: this.name, ...call });
  }
}

/** The server-side filter of a subscription: a regex or prefixes, on the event type or the stream name. */
function subscriptionFilter(options: ReadReq.Options): (event: FakeEvent) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression?.getPrefixList() ?? [];
  return (event) => {
    const subject = onType ? event.type : event.streamId;
    if (regex && !regex.test(subject)) return false;
    return prefixes.length === 0 || prefixes.some((prefix) => subject.startsWith(prefix));
  };
}
