import { INITIAL_WATCH, StandingWatch } from '@attendance/rules';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Since when each enrollment's standing has held (I6a), kept on disk so a restart does not start
 * the delay again. It is this instance's own observation: another instance keeps its own, and
 * the notice streams make sure only one of them tells the student.
 */
export class StandingWatches {
  private readonly db: Database.Database;
  private readonly watches = new Map<string, StandingWatch>();
  private readonly changed = new Set<string>();
  private readonly upsert;
  private readonly remove;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS standing_watch (enrollment TEXT PRIMARY KEY, rank INTEGER NOT NULL, since TEXT NOT NULL)');
    this.upsert = this.db.prepare('INSERT INTO standing_watch (enrollment, rank, since) VALUES (?, ?, ?) ON CONFLICT (enrollment) DO UPDATE SET rank = excluded.rank, since = excluded.since');
    this.remove = this.db.prepare('DELETE FROM standing_watch WHERE enrollment = ?');
    for (const row of this.db.prepare('SELECT enrollment, rank, since FROM standing_watch').iterate() as Iterable<{ enrollment: string; rank: number; since: string }>) {
      this.watches.set(row.enrollment, { rank: row.rank, since: JSON.parse(row.since) });
    }
  }

  get(enrollment: string): StandingWatch {
    return this.watches.get(enrollment) ?? INITIAL_WATCH;
  }

  set(enrollment: string, watch: StandingWatch): void {
    if (this.get(enrollment) === watch) return;
    this.watches.set(enrollment, watch);
    this.changed.add(enrollment);
  }

  /** Writes what changed since the last save, in one transaction. */
  save(): void {
    if (this.changed.size === 0) return;
    this.db.transaction(() => {
      for (const enrollment of this.changed) {
        const watch = this.watches.get(enrollment)!;
        if (watch === INITIAL_WATCH) this.remove.run(enrollment);
        else this.upsert.run(enrollment, watch.rank, JSON.stringify(watch.since));
      }
    })();
    this.changed.clear();
  }

  close(): void {
    this.save();
    this.db.close();
  }
}
