import type Database from 'better-sqlite3';

const EVERY_MS = 250;

/**
 * Copies the write-ahead log into the database a little at a time, on a timer, instead of letting
 * the commit that crosses SQLite's threshold do it all at once: a commit then never waits for a
 * large checkpoint, and an answer never stalls behind one. PASSIVE: it never waits for a reader
 * or a writer, another process's included.
 */
export function checkpointOnATimer(db: Database.Database): () => void {
  db.pragma('wal_autocheckpoint = 0');
  const timer = setInterval(() => {
    try {
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next turn does it.
    }
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
