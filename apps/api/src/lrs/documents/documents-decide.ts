import { createHash } from 'node:crypto';
import { XAPI_DOCUMENT_PUT, XAPI_DOCUMENTS_DELETED, XapiDocumentEvent, XapiDocumentScope } from '@attendance/domain';
import { contentTypeOf } from '../lrs-request';
import { bytesOf, DocumentsState, StoredDocument } from './documents-fold';

/**
 * Pure decisions on one scope's documents (xAPI 1.0.3 Communication §2.2, §3.1): the scope's
 * state and a request in; the events to append, or why the request is refused.
 */

/** The request's If-Match and If-None-Match headers, as sent. */
export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** A document as a request sends it. */
export interface DocumentContent {
  /** The Content-Type header ('' when none). */
  contentType: string;
  bytes: Buffer;
}

export interface Refusal {
  status: 400 | 409 | 412;
  message: string;
}

export type Decision = { events: XapiDocumentEvent[] } | { refused: Refusal };

export interface WriteRequest {
  scope: XapiDocumentScope;
  documentId: string;
  content: DocumentContent;
  preconditions: Preconditions;
  /** ISO 8601: when the document is stored. */
  now: string;
}

const JSON_TYPE = 'application/json';
const refuse = (status: Refusal['status'], message: string): Decision => ({ refused: { status, message } });

export const etagOf = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** The entity tags of an If-Match or If-None-Match header: `*`, or a list of (maybe weak) quoted tags. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//i, '').replace(/^"(.*)"$/, '$1').toLowerCase())
    .filter((tag) => tag !== '');
}

/** RFC 7232 §3.1, §3.2 for a write: the refusal (412) when a precondition the request sets does not hold. */
export function preconditionFailure(current: StoredDocument | undefined, preconditions: Preconditions): Refusal | undefined {
  if (preconditions.ifMatch !== undefined) {
    const tags = tagsOf(preconditions.ifMatch);
    if (!current) return { status: 412, message: 'If-Match: there is no such document to match' };
    if (!tags.includes('*') && !tags.includes(current.etag)) return { status: 412, message: `If-Match: the document has changed; its ETag is now "${current.etag}"` };
  }
  if (preconditions.ifNoneMatch !== undefined && current) {
    const tags = tagsOf(preconditions.ifNoneMatch);
    if (tags.includes('*')) return { status: 412, message: 'If-None-Match: * but the document already exists' };
    if (tags.includes(current.etag)) return { status: 412, message: `If-None-Match: the document's ETag is "${current.etag}"` };
  }
  return undefined;
}

function store(request: WriteRequest, contentType: string, bytes: Buffer, current: StoredDocument | undefined): Decision {
  const etag = etagOf(bytes);
  // The same bytes again change nothing: a client saving the same state every minute adds no events.
  if (current && current.etag === etag && current.contentType === contentType) return { events: [] };
  return {
    events: [
      {
        type: XAPI_DOCUMENT_PUT,
        data: { scope: request.scope, documentId: request.documentId, contentType, content: bytes.toString('base64'), etag, updated: request.now },
      },
    ],
  };
}

/**
 * PUT stores the document as sent, whatever it was. Where `needsPrecondition` (the profiles), a
 * PUT without If-Match or If-None-Match is refused: 409 when the document exists (it would be
 * overwritten blindly), 400 when it does not.
 */
export function decidePut(state: DocumentsState, request: WriteRequest, needsPrecondition: boolean): Decision {
  const current = state.documents.get(request.documentId);
  const failed = preconditionFailure(current, request.preconditions);
  if (failed) return { refused: failed };
  const { ifMatch, ifNoneMatch } = request.preconditions;
  if (needsPrecondition && ifMatch === undefined && ifNoneMatch === undefined) {
    return current
      ? refuse(409, `If-Match: the document exists; send If-Match with its ETag ("${current.etag}") to replace it`)
      : refuse(400, 'If-Match: a PUT of a profile document sends If-Match (the ETag it replaces) or If-None-Match: * (a new document)');
  }
  return store(request, request.content.contentType || 'application/octet-stream', request.content.bytes, current);
}

/** A JSON object, or why the bytes are not one. */
function jsonObject(bytes: Buffer, what: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return `${what} is not valid JSON`;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : `${what} is not a JSON object`;
}

/**
 * POST merges: a new document is stored as by PUT; otherwise both the stored document and the
 * posted one must be JSON objects (application/json), and the posted one's top-level properties
 * replace the stored ones' (Communication §2.2).
 */
export function decidePost(state: DocumentsState, request: WriteRequest): Decision {
  const current = state.documents.get(request.documentId);
  const failed = preconditionFailure(current, request.preconditions);
  if (failed) return { refused: failed };
  const posted = request.content;
  if (!current) return store(request, posted.contentType || 'application/octet-stream', posted.bytes, undefined);
  if (contentTypeOf(posted.contentType) !== JSON_TYPE) return refuse(400, `Content-Type: a POST merges JSON objects, and this one is ${posted.contentType || 'not given'}, not ${JSON_TYPE}`);
  if (contentTypeOf(current.contentType) !== JSON_TYPE) return refuse(400, `Content-Type: the stored document is ${current.contentType}, not ${JSON_TYPE}: it cannot be merged; PUT replaces it`);
  const next = jsonObject(posted.bytes, 'content');
  if (typeof next === 'string') return refuse(400, next);
  const previous = jsonObject(bytesOf(current), 'the stored document');
  if (typeof previous === 'string') return refuse(400, `${previous}: it cannot be merged; PUT replaces it`);
  let merged: string;
  try {
    merged = JSON.stringify({ ...previous, ...next });
  } catch {
    return refuse(400, 'content: cannot be merged (nested too deep)');
  }
  return store(request, JSON_TYPE, Buffer.from(merged, 'utf8'), current);
}

export interface DeleteRequest {
  scope: XapiDocumentScope;
  /** Undefined: every document of the scope (the state resource). */
  documentId?: string;
  preconditions: Preconditions;
  now: string;
}

/** DELETE removes one document, or all of the scope's; deleting what is not there changes nothing. */
export function decideDelete(state: DocumentsState, request: DeleteRequest): Decision {
  if (request.documentId === undefined) {
    const all = [...state.documents.keys()];
    return { events: all.length === 0 ? [] : [{ type: XAPI_DOCUMENTS_DELETED, data: { scope: request.scope, documentIds: all, deleted: request.now } }] };
  }
  const current = state.documents.get(request.documentId);
  const failed = preconditionFailure(current, request.preconditions);
  if (failed) return { refused: failed };
  if (!current) return { events: [] };
  return { events: [{ type: XAPI_DOCUMENTS_DELETED, data: { scope: request.scope, documentIds: [request.documentId], deleted: request.now } }] };
}
