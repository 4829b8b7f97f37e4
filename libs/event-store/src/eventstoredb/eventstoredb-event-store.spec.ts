import { eventStoreContract } from '../event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (!connectionString) {
  // Said out loud so a skipped run is never mistaken for a passing one.
  // Straight to stderr: jest does not show console output of a suite whose tests all skip.
  process.stderr.write('EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set (docker compose up eventstore, then set it; see docs/eventstoredb.md)\n');
}

(connectionString ? describe : describe.skip)('EventStoreDbEventStore contract (EVENTSTORE_CONNECTION_STRING)', () => {
  eventStoreContract({
    open: (clock) => EventStoreDbEventStore.connect(connectionString!, { clock }),
    restart: async (store, clock) => {
      await store.close();
      return EventStoreDbEventStore.connect(connectionString!, { clock });
    },
  });
});
