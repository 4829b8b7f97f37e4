import { INITIAL_WATCH, StandingWatch } from '@attendance/rules';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/**
 * Since when each enrollment's standing has held (I6a), and when the issuer must look at it again,
 * in the read store, so a restart does not start the delay again. It is this instance's own
 * observation: another instance keeps its own, and the notice streams let only one tell a student.
 */
export class StandingWatches {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    this.q = {
      get: store.db.prepare('SELECT rank, since, next_at FROM standing_watches WHERE section_id = ? AND student_id = ?'),
      set: store.db.prepare(
        'INSERT INTO standing_watches (section_id, student_id, rank, since, next_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (section_id, student_id) DO UPDATE SET rank = excluded.rank, since = excluded.since, next_at = excluded.next_at',
      ),
      due: store.db.prepare('SELECT section_id, student_id FROM standing_watches WHERE next_at <= ? ORDER BY next_at LIMIT ?'),
    };
  }

  get(sectionId: string, studentId: string): StandingWatch {
    return this.read(sectionId, studentId)?.watch ?? INITIAL_WATCH;
  }

  private read(sectionId: string, studentId: string): { watch: StandingWatch; since: string; nextAt: number | null } | undefined {
    const row = this.q.get.get(sectionId, studentId) as { rank: number; since: string; next_at: number | null } | undefined;
    return row && { watch: { rank: row.rank, since: JSON.parse(row.since) }, since: row.since, nextAt: row.next_at };
  }

  /** Keeps the watch, and when to look again (undefined: not until something changes); nothing is written when nothing moved. */
  set(sectionId: string, studentId: string, watch: StandingWatch, nextAt: number | undefined): void {
    const next = nextAt === undefined || !Number.isFinite(nextAt) ? null : nextAt;
    const since = JSON.stringify(watch.since);
    const stored = this.read(sectionId, studentId);
    if (stored && stored.watch.rank === watch.rank && stored.since === since && stored.nextAt === next) return;
    this.q.set.run(sectionId, studentId, watch.rank, since, next);
  }

  /** Enrollments to look at again by `now`: a standing that has held long enough, or a status the clock has moved. */
  due(now: number, limit: number): Array<{ sectionId: string; studentId: string }> {
    return (this.q.due.all(now, limit) as Array<{ section_id: string; student_id: string }>).map((r) => ({ sectionId: r.section_id, studentId: r.student_id }));
  }
}
