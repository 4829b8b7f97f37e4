import type Database from 'better-sqlite3';

/** How long a statement waits for a lock another process holds (its commit, a checkpoint, a closing connection). */
export const BUSY_TIMEOUT_MS = 5000;

/** The durability this store promises: every commit is fsynced before it is acknowledged. */
const SYNCHRONOUS_FULL = 2;

/**
 * Opens the file with the settings the store relies on, and checks them: a file already in
 * WAL mode would otherwise silently run with synchronous=NORMAL and could lose the last
 * commits on power loss.
 */
export function configureDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const journal = db.pragma('journal_mode', { simple: true });
  const synchronous = db.pragma('synchronous', { simple: true });
  if (journal !== 'wal' || synchronous !== SYNCHRONOUS_FULL) {
    throw new Error(`SQLite event store needs journal_mode=wal and synchronous=FULL, got ${journal} and ${synchronous}`);
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id    TEXT    NOT NULL UNIQUE,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT,
      recorded_at INTEGER NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}
