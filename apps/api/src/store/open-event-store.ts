import { Clock, EventStore, SqliteEventStore } from '@attendance/event-store';
import { EventStoreDbEventStore } from '@attendance/event-store/eventstoredb/eventstoredb-event-store';
import type { AppConfig } from '../config/app-config';

/** EventStoreDB when a connection string is set, otherwise the embedded SQLite file (SQLITE_FILE, by default in DATA_DIR). */
export async function openEventStore(config: AppConfig, clock: Clock): Promise<EventStore> {
  if (config.eventStoreConnectionString) return EventStoreDbEventStore.connect(config.eventStoreConnectionString, { clock });
  return new SqliteEventStore(config.sqliteFile, clock);
}
