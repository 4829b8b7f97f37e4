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
export const XAPI_EVENT_SCHEMAS = { [XAPI_STATEMENT_STORED]: checker(XapiStatementStoredSchema) } as const;
