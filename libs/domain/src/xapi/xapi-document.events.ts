import { Static, Type } from '@sinclair/typebox';
import { checker, Instant, OneOf } from '../schema';

/** The LRS's document resources (xAPI 1.0.3 Communication §2.3, §2.6, §2.7). */
export const XAPI_DOCUMENT_RESOURCES = ['state', 'activity-profile', 'agent-profile'] as const;
export type XapiDocumentResource = (typeof XAPI_DOCUMENT_RESOURCES)[number];

/**
 * Whose documents: the activity (state, activity profile), the agent by its identifier key
 * (state, agent profile) and the registration (state, optional). One scope's documents are one stream.
 */
const ScopeSchema = Type.Object({
  resource: OneOf(XAPI_DOCUMENT_RESOURCES),
  activityId: Type.Optional(Type.String({ minLength: 1 })),
  agent: Type.Optional(Type.String({ minLength: 1 })),
  registration: Type.Optional(Type.String({ minLength: 1 })),
});
export type XapiDocumentScope = Static<typeof ScopeSchema>;

const XapiDocumentPutSchema = Type.Object({
  scope: ScopeSchema,
  documentId: Type.String({ minLength: 1 }),
  /** The Content-Type header the document came with. */
  contentType: Type.String(),
  /** The document's bytes, base64. */
  content: Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', errorMessage: 'must be base64' }),
  /** SHA-1 of the bytes, hex: the document's ETag without its quotes. */
  etag: Type.String({ pattern: '^[0-9a-f]{40}$', errorMessage: 'must be a SHA-1 in hex' }),
  updated: Instant(),
});
/** A document was stored (PUT), or merged (POST): the whole document as it now is. */
export type XapiDocumentPut = Static<typeof XapiDocumentPutSchema>;
export const XAPI_DOCUMENT_PUT = 'XapiDocumentPut';

const XapiDocumentsDeletedSchema = Type.Object({
  scope: ScopeSchema,
  documentIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  deleted: Instant(),
});
/** These documents of the scope were deleted: one (DELETE with an id) or all of them (a state DELETE without one). */
export type XapiDocumentsDeleted = Static<typeof XapiDocumentsDeletedSchema>;
export const XAPI_DOCUMENTS_DELETED = 'XapiDocumentsDeleted';

export type XapiDocumentEvent = { type: typeof XAPI_DOCUMENT_PUT; data: XapiDocumentPut } | { type: typeof XAPI_DOCUMENTS_DELETED; data: XapiDocumentsDeleted };

/** The stream of one scope's documents, named by a hash of the scope (agents and IRIs are long and personal). */
export const xapiDocumentsStream = (scopeHash: string) => `xapi-documents-${scopeHash}`;

export const XAPI_DOCUMENT_EVENT_SCHEMAS = {
  [XAPI_DOCUMENT_PUT]: checker(XapiDocumentPutSchema),
  [XAPI_DOCUMENTS_DELETED]: checker(XapiDocumentsDeletedSchema),
} as const;
