/**
 * The event-store contract, run against the EventStoreDB adapter connected to the stand-in server
 * (testing/fake-eventstoredb.ts): the adapter's normal paths over the real client and protocol,
 * on every run, with no server to install. The same contract against a real server is
 * eventstoredb-event-store.spec.ts (EVENTSTORE_CONNECTION_STRING); that one stays the reference.
 */
import { eventStoreContract } from '../event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

describe.each([
  ['BatchAppend (servers since 21.10)', true],
  ['Append (older servers)', false],
])('EventStoreDbEventStore contract against the stand-in, appending with %s', (_name, batchAppend) => {
  let server: FakeEventStoreDb;
  beforeAll(async () => (server = await FakeEventStoreDb.start({ batchAppend })));
  afterAll(() => server.stop());

  eventStoreContract({
    open: (clock) => EventStoreDbEventStore.connect(server.connectionString(), { clock }),
    restart: async (store, clock) => {
      await store.close();
      return EventStoreDbEventStore.connect(server.connectionString(), { clock });
    },
  });
});
