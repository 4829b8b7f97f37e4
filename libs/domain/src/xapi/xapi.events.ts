import { Static, Type } from '@sinclair/typebox';
import { checker } from '../schema';

const Account = Type.Object({ homePage: Type.String(), name: Type.String() });
const XapiStatementStoredSchema = Type.Object({
  statement: Type.Record(Type.String(), Type.Unknown()),
  stored: Type.String(),
  authority: Type.Object({ objectType: Type.Literal('Agent'), account: Account }),
});
/** A statement the LRS took, as received, with when and on whose authority. */
export type XapiStatementStored = Omit<Static<typeof XapiStatementStoredSchema>, 'statement'> & { statement: Record<string, unknown> };
export const XAPI_STATEMENT_STORED = 'XapiStatementStored';
export const xapiStatementStream = (id: string) => `xapi-statement-${id}`;

const XapiAttachmentStoredSchema = Type.Object({
  sha2: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  contentType: Type.String(),
  /** The attachment's bytes, base64. */
  content: Type.String(),
});
/** The bytes of a statement's attachment, once per SHA-256 whichever statements carry it. */
export type XapiAttachmentStored = Static<typeof XapiAttachmentStoredSchema>;
export const XAPI_ATTACHMENT_STORED = 'XapiAttachmentStored';
export const xapiAttachmentStream = (sha2: string) => `xapi-attachment-${sha2}`;

export const XAPI_EVENT_SCHEMAS = { [XAPI_STATEMENT_STORED]: checker(XapiStatementStoredSchema), [XAPI_ATTACHMENT_STORED]: checker(XapiAttachmentStoredSchema) } as const;
