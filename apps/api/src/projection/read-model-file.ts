import type { StoredEvent } from '@attendance/event-store';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

interface Row {
  id: string;
  type: string;
  stream_id: string;
  revision: string;
  position: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

/**
 * The projection's checkpoint and the events it keeps, in one local SQLite file written in
 * one transaction: after a crash the file holds a read model and the exact position it was
 * built to, never one without the other. Losing the file only means a rebuild from zero.
 */
export class ReadModelFile {
  private readonly db: Database.Database;
  private readonly insert;
  private readonly saveCheckpoint;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // The file is derived data: a lost tail is re-read from the event store, so no fsync per commit.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kept_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, type TEXT NOT NULL, stream_id TEXT NOT NULL,
        revision TEXT NOT NULL, position TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
    `);
    this.insert = this.db.prepare(
      'INSERT INTO kept_events (id, type, stream_id, revision, position, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.saveCheckpoint = this.db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position');
  }

  checkpoint(): bigint {
    const row = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: string } | undefined;
    return row ? BigInt(row.position) : 0n;
  }

  *events(): Iterable<StoredEvent> {
    for (const row of this.db.prepare('SELECT * FROM kept_events ORDER BY seq').iterate() as Iterable<Row>) {
      yield {
        id: row.id,
        type: row.type,
        streamId: row.stream_id,
        revision: BigInt(row.revision),
        position: BigInt(row.position),
        data: JSON.parse(row.data),
        metadata: JSON.parse(row.metadata),
        recordedAt: new Date(row.recorded_at),
      };
    }
  }

  /** Keeps `events` and moves the checkpoint to `position`, together. */
  readonly record = (events: StoredEvent[], position: bigint): void =>
    this.db.transaction(() => {
      for (const e of events) {
        this.insert.run(e.id, e.type, e.streamId, String(e.revision), String(e.position), JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt.getTime());
      }
      this.saveCheckpoint.run(String(position));
    })();

  close(): void {
    this.db.close();
  }
}
