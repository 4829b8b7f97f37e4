import { DomainEvent, readEvent, STORE_IDENTIFIED, STORE_IDENTITY_STREAM } from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';

/**
 * The event store's identity: written by whoever uses the store first, the same for every
 * instance after. What is kept beside the store (the read store and its checkpoints) names it, so
 * a data folder is never used with a store it was not built from.
 */
export async function storeIdentity(store: EventStore<DomainEvent>): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await store.readLastEvent(STORE_IDENTITY_STREAM);
    const read = first && readEvent(first);
    if (read && 'event' in read && read.event.type === STORE_IDENTIFIED) return read.event.data.storeId;
    if (first) throw new Error(`the event store's ${STORE_IDENTITY_STREAM} stream holds an event that is not a ${STORE_IDENTIFIED}`);
    // Two instances starting together: one identity is stored (one id, one stream), both read it back.
    await store
      .appendToStream(STORE_IDENTITY_STREAM, [{ id: STORE_IDENTITY_STREAM, type: STORE_IDENTIFIED, data: { storeId: randomUUID() } }], { expectedRevision: 'no_stream' })
      .catch(() => undefined);
  }
  throw new Error(`could not read or write the event store's identity (${STORE_IDENTITY_STREAM})`);
}
