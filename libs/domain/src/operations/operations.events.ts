import { Static, Type } from '@sinclair/typebox';
import { checker } from '../schema';

const StoreIdentifiedSchema = Type.Object({ storeId: Type.String({ minLength: 1 }) });
/** The store's identity, written once when it is first used: checkpoints kept elsewhere name it. */
export type StoreIdentified = Static<typeof StoreIdentifiedSchema>;
export const STORE_IDENTIFIED = 'StoreIdentified';
export const STORE_IDENTITY_STREAM = 'store-identity';

const LeaseRenewedSchema = Type.Object({ holder: Type.String({ minLength: 1 }), until: Type.String({ minLength: 1 }) });
/** Who holds the side-effects lease (issuing notices, delivering them) and until when; `until` in the past releases it. */
export type LeaseRenewed = Static<typeof LeaseRenewedSchema>;
export const LEASE_RENEWED = 'LeaseRenewed';
export const leaseStream = (name: string) => `lease:${JSON.stringify(name)}`;

export const OPERATIONS_EVENT_SCHEMAS = {
  [STORE_IDENTIFIED]: checker(StoreIdentifiedSchema),
  [LEASE_RENEWED]: checker(LeaseRenewedSchema),
} as const;
