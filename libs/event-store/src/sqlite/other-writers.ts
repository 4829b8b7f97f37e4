import type Database from 'better-sqlite3';

/** How often a waiting subscriber looks for commits made by another process sharing the file. */
const POLL_MS = 10;

/**
 * Several processes may share one store file (SQLITE_FILE); a commit by one wakes the waiters of
 * that process only. SQLite's `data_version` changes when another connection has committed, and
 * reading it costs next to nothing: while anyone here waits for events, it is looked at every few
 * milliseconds, and the waiters are woken when it moved.
 */
export function watchOtherWriters(db: Database.Database, wake: () => void) {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  let timer: NodeJS.Timeout | undefined;
  const look = () => {
    if (!db.open) return;
    const version = dataVersion.get();
    if (version === seen) return;
    seen = version;
    wake();
  };
  return {
    /** Someone waits: poll until nobody does. */
    watch(): void {
      if (timer) return;
      timer = setInterval(look, POLL_MS);
      timer.unref();
    },
    /** Every waiter was woken; the next one to wait starts polling again. */
    idle(): void {
      clearInterval(timer);
      timer = undefined;
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
