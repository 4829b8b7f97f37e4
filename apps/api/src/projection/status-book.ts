import type { Reason } from '@attendance/rules';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';
import type { StudentRow } from './student-row';

/** An enrollment's stored status: its row as the rules gave it, the reasons for its eligibility, and until when it holds. */
export interface StoredStatus {
  studentId: string;
  row: StudentRow;
  reasons: Reason[];
  /** When the clock alone may change it (a deadline); undefined: not before a fact or the section does. */
  validUntil?: number;
}

/**
 * Status as data: each active enrollment's row in the read store, marked dirty by the projection
 * when a fact, its section or a report may have changed it, and written again by whoever reads
 * it next (a list, the notice issuer). A row also stops holding when a deadline passes. The
 * projection marks the change for the notice issuer too, with the position of the page that made
 * it (`notice_dirty`, 0 once looked at): the issuer looks at what was marked up to the position it
 * has reached, once however many facts came, and an enrollment marked again later waits for it.
 */
export class StatusBook {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    const db = store.db;
    this.q = {
      enroll: db.prepare('INSERT INTO statuses (section_id, student_id, notice_dirty) VALUES (?, ?, ?) ON CONFLICT (section_id, student_id) DO UPDATE SET dirty = 1, notice_dirty = excluded.notice_dirty'),
      drop: db.prepare('DELETE FROM statuses WHERE section_id = ? AND student_id = ?'),
      dirty: db.prepare('UPDATE statuses SET dirty = 1, notice_dirty = ? WHERE section_id = ? AND student_id = ?'),
      dirtySection: db.prepare('UPDATE statuses SET dirty = 1, notice_dirty = ? WHERE section_id = ?'),
      noticeDirty: db.prepare('SELECT section_id, student_id FROM statuses WHERE notice_dirty > 0 AND notice_dirty <= ? ORDER BY section_id, student_id LIMIT ?'),
      noticeSeen: db.prepare('UPDATE statuses SET notice_dirty = 0 WHERE section_id = ? AND student_id = ? AND notice_dirty <= ?'),
      stale: db.prepare('SELECT student_id FROM statuses WHERE section_id = ? AND (dirty = 1 OR valid_until <= ?)'),
      write: db.prepare('UPDATE statuses SET row = ?, reasons = ?, valid_until = ?, dirty = 0 WHERE section_id = ? AND student_id = ?'),
      rows: db.prepare('SELECT student_id, row, reasons FROM statuses WHERE section_id = ? ORDER BY student_id'),
      one: db.prepare('SELECT row, reasons, dirty, valid_until FROM statuses WHERE section_id = ? AND student_id = ?'),
    };
  }

  enroll(sectionId: string, studentId: string, position: bigint): void {
    this.q.enroll.run(sectionId, studentId, position);
  }

  drop(sectionId: string, studentId: string): void {
    this.q.drop.run(sectionId, studentId);
  }

  markDirty(sectionId: string, studentId: string, position: bigint): void {
    this.q.dirty.run(position, sectionId, studentId);
  }

  markSectionDirty(sectionId: string, position: bigint): void {
    this.q.dirtySection.run(position, sectionId);
  }

  /** Enrollments changed up to `upTo` that the notice issuer has not looked at, a section's together. */
  noticeDirty(upTo: bigint, limit: number): Array<{ sectionId: string; studentId: string }> {
    return (this.q.noticeDirty.all(upTo, limit) as Array<{ section_id: string; student_id: string }>).map((r) => ({ sectionId: r.section_id, studentId: r.student_id }));
  }

  /** Looked at, for the changes up to `upTo`; a later change keeps it marked. */
  noticeSeen(sectionId: string, studentId: string, upTo: bigint): void {
    this.q.noticeSeen.run(sectionId, studentId, upTo);
  }

  /** The students of a section whose row must be computed again at `now`. */
  stale(sectionId: string, now: number): string[] {
    return (this.q.stale.all(sectionId, now) as Array<{ student_id: string }>).map((r) => r.student_id);
  }

  write(sectionId: string, status: StoredStatus, validUntil: number): void {
    this.q.write.run(JSON.stringify(status.row), JSON.stringify(status.reasons), Number.isFinite(validUntil) ? validUntil : null, sectionId, status.studentId);
  }

  /** Every active enrollment's stored status, by student id. */
  rows(sectionId: string): StoredStatus[] {
    return (this.q.rows.all(sectionId) as Array<{ student_id: string; row: string | null; reasons: string | null }>).flatMap((r) =>
      r.row === null ? [] : [{ studentId: r.student_id, row: JSON.parse(r.row) as StudentRow, reasons: JSON.parse(r.reasons ?? '[]') as Reason[] }],
    );
  }

  /** One enrollment's stored status, when it still holds at `now` (or whatever is stored, without `now`). */
  one(sectionId: string, studentId: string, now?: number): StoredStatus | undefined {
    const r = this.q.one.get(sectionId, studentId) as { row: string | null; reasons: string | null; dirty: number; valid_until: number | null } | undefined;
    if (!r || r.row === null) return undefined;
    if (now !== undefined && (r.dirty === 1 || (r.valid_until !== null && r.valid_until <= now))) return undefined;
    return { studentId, row: JSON.parse(r.row) as StudentRow, reasons: JSON.parse(r.reasons ?? '[]') as Reason[], validUntil: r.valid_until ?? undefined };
  }
}
