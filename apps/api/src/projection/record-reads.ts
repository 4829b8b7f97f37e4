import type { StudentRecordRead } from '@attendance/domain';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

type Read = Omit<StudentRecordRead, 'studentId'>;

/** Who read each student's record, from the audit events, kept in the read store so one student's reads are one query. */
export class RecordReads {
  private readonly add: Statement;
  private readonly of: Statement;

  constructor(store: ReadStore) {
    this.add = store.db.prepare('INSERT INTO record_reads (student_id, position, read) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.of = store.db.prepare('SELECT read FROM record_reads WHERE student_id = ? ORDER BY position DESC');
  }

  apply(studentIds: string[], read: Read, position: bigint): void {
    const kept = JSON.stringify({ by: read.by, what: read.what, at: read.at });
    for (const studentId of studentIds) this.add.run(studentId, position, kept);
  }

  /** Newest first. */
  readsOf(studentId: string): StudentRecordRead[] {
    return (this.of.all(studentId) as Array<{ read: string }>).map((row) => Object.assign({ studentId }, JSON.parse(row.read) as Read));
  }
}
