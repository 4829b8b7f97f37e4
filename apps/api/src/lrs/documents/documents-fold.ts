import { parseInstant, XAPI_DOCUMENT_PUT, XapiDocumentEvent } from '@attendance/domain';

/** A document as the scope's stream last left it. */
export interface StoredDocument {
  contentType: string;
  /** The bytes, base64: decoded only for the one document a GET answers. */
  content: string;
  /** SHA-1 of the bytes in hex, without quotes. */
  etag: string;
  updated: string;
  updatedMs: number;
}

/** Every document of one scope, by id. */
export interface DocumentsState {
  documents: Map<string, StoredDocument>;
}

export const emptyDocuments = (): DocumentsState => ({ documents: new Map() });

/** Applies one event to the state (in place) and answers it. */
export function evolveDocuments(state: DocumentsState, event: XapiDocumentEvent): DocumentsState {
  if (event.type === XAPI_DOCUMENT_PUT) {
    const { documentId, contentType, content, etag, updated } = event.data;
    state.documents.set(documentId, { contentType, content, etag, updated, updatedMs: parseInstant(updated) ?? 0 });
  } else {
    for (const id of event.data.documentIds) state.documents.delete(id);
  }
  return state;
}

export const foldDocuments = (events: Iterable<XapiDocumentEvent>): DocumentsState => {
  const state = emptyDocuments();
  for (const event of events) evolveDocuments(state, event);
  return state;
};

/** The ids of the documents there are, those changed after `sinceMs` when given, in the order they were first stored. */
export function documentIds(state: DocumentsState, sinceMs?: number): string[] {
  const ids: string[] = [];
  for (const [id, document] of state.documents) if (sinceMs === undefined || document.updatedMs > sinceMs) ids.push(id);
  return ids;
}

export const bytesOf = (document: StoredDocument): Buffer => Buffer.from(document.content, 'base64');
