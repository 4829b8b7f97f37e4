/**
 * The stand-in's side of the wire: EventStoreDB's protobuf messages built from the fake log, and
 * read from what the client sends. Message classes are the ones generated for, and shipped with,
 * the client, so both sides speak exactly the same protocol.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, ExpectedState, FakeEvent, ProposedEvent } from './fake-database';
import type { Fault } from './fault-plan';

export interface Endpoint {
  host: string;
  port: number;
}

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** An event of a read or a subscription; reads of $all also carry its position on the envelope. */
export function readEvent(event: FakeEvent, ofAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.uuid))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setPreparePosition(event.position.toString())
    .setCommitPosition(event.position.toString())
    .setCustomMetadata(event.metadata)
    .setData(event.data);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created.toString());
  const envelope = new ReadResp.ReadEvent().setEvent(recorded);
  if (ofAll) envelope.setCommitPosition(event.position.toString());
  else envelope.setNoPosition(new Empty());
  return new ReadResp().setEvent(envelope);
}

export function confirmation(subscriptionId: string): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

export function caughtUp(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

export function streamNotFound(name: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));
}

export function fromAppendProposal(message: AppendReq.ProposedMessage): ProposedEvent {
  return proposedEvent(message.getId(), message.getMetadataMap(), message.getData_asU8(), message.getCustomMetadata_asU8());
}

export function fromBatchProposal(message: BatchAppendReq.ProposedMessage): ProposedEvent {
  return proposedEvent(message.getId(), message.getMetadataMap(), message.getData_asU8(), message.getCustomMetadata_asU8());
}

function proposedEvent(id: UUID | undefined, map: { get(key: string): string | undefined }, data: Uint8Array, metadata: Uint8Array): ProposedEvent {
  const uuid = id?.getString();
  if (!uuid) throw new Error('the stand-in reads event ids sent as strings only');
  return { uuid, type: map.get('type') ?? '', contentType: map.get('content-type') ?? 'application/octet-stream', data, metadata };
}

export function expectedOfAppend(options: AppendReq.Options): ExpectedState {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

export function expectedOfBatch(options: BatchAppendReq.Options): ExpectedState {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

/** The answer of Streams.Append. */
export function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.result === 'wrong_expected_version') {
    const refusal = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) refusal.setCurrentNoStream(new Empty());
    else refusal.setCurrentRevision(outcome.currentRevision.toString());
    if (typeof expected === 'bigint') refusal.setExpectedRevision(expected.toString());
    else if (expected === 'no_stream') refusal.setExpectedNoStream(new Empty());
    else if (expected === 'stream_exists') refusal.setExpectedStreamExists(new Empty());
    else refusal.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(refusal);
  }
  const success = new AppendResp.Success()
    .setCurrentRevision(outcome.currentRevision.toString())
    .setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  return new AppendResp().setSuccess(success);
}

/** One answer on the BatchAppend stream: success, or an error Status carrying its details as EventStoreDB packs them. */
export function batchResponse(correlationId: string, stream: string, outcome: AppendOutcome | 'timeout', expected: ExpectedState): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(new UUID().setString(correlationId)).setStreamIdentifier(streamIdentifier(stream));
  if (typeof expected === 'bigint') response.setStreamPosition(expected.toString());
  else if (expected === 'no_stream') response.setNoStream(new ProtoEmpty());
  else if (expected === 'stream_exists') response.setStreamExists(new ProtoEmpty());
  else response.setAny(new ProtoEmpty());

  if (outcome === 'timeout') {
    return response.setError(errorStatus(Code.DEADLINE_EXCEEDED, 'Timeout', new Timeout().serializeBinary(), 'event_store.client.Timeout'));
  }
  if (outcome.result === 'wrong_expected_version') {
    const details = new WrongExpectedVersion();
    if (outcome.currentRevision === undefined) details.setCurrentNoStream(new ProtoEmpty());
    else details.setCurrentStreamRevision(outcome.currentRevision.toString());
    if (typeof expected === 'bigint') details.setExpectedStreamPosition(expected.toString());
    else if (expected === 'no_stream') details.setExpectedNoStream(new ProtoEmpty());
    else if (expected === 'stream_exists') details.setExpectedStreamExists(new ProtoEmpty());
    else details.setExpectedAny(new ProtoEmpty());
    return response.setError(
      errorStatus(Code.FAILED_PRECONDITION, 'Wrong expected version', details.serializeBinary(), 'event_store.client.WrongExpectedVersion'),
    );
  }
  const position = new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
  return response.setSuccess(new BatchAppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position));
}

function errorStatus(code: Code, message: string, details: Uint8Array, typeName: string): Status {
  const any = new Any();
  any.pack(details, typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

/** A fault as the gRPC status a call ends with; not-leader carries EventStoreDB's trailers naming the leader. */
export function faultError(fault: Fault, leader: Endpoint): Partial<ServiceError> {
  if ('notLeader' in fault) {
    const metadata = new Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', leader.host);
    metadata.set('leader-endpoint-port', String(leader.port));
    return { code: status.NOT_FOUND, details: 'Leader info available', metadata };
  }
  if ('accessDenied' in fault) {
    const metadata = new Metadata();
    metadata.set('exception', 'access-denied');
    return { code: status.PERMISSION_DENIED, details: 'Access denied', metadata };
  }
  return { code: fault.code, details: `stand-in fault: ${status[fault.code]}`, metadata: new Metadata() };
}
