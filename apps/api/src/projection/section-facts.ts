import type { FactRecorded } from '@attendance/domain';
import { parseInstant } from '@attendance/domain';
import type { AccessFact, ItemFact, MarkStatus } from '@attendance/rules';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

export type Recorded<T> = T & { recordedAt: number };
export type SectionFact = Recorded<ItemFact | AccessFact>;

/** A fact's row, read as an array in this column order: no object made per row only to be copied into the rules' fact. */
type FactRow = [studentId: string, itemId: string | null, type: FactRecorded['type'], factId: string, occurredAt: number, recordedAt: number, status: MarkStatus | null, progress: number | null, ranges: string | null];

/** The facts of every section, one row a fact, as the rules read them; a section's are read back when it is loaded. */
export class SectionFacts {
  private readonly insert: Statement;
  private readonly bySection: Statement;
  private readonly lastSeq: Statement;
  /** The order facts were kept in, per section: the last one's, read from the file the first time a section gets one. */
  private readonly seqs = new Map<string, number>();

  constructor(store: ReadStore) {
    this.insert = store.db.prepare(
      'INSERT INTO facts (section_id, seq, student_id, item_id, type, fact_id, occurred_at, recorded_at, status, progress, ranges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.bySection = store.db.prepare('SELECT student_id, item_id, type, fact_id, occurred_at, recorded_at, status, progress, ranges FROM facts WHERE section_id = ? ORDER BY seq').raw(true);
    this.lastSeq = store.db.prepare('SELECT coalesce(max(seq), 0) FROM facts WHERE section_id = ?').pluck();
  }

  /** Keeps a fact; answers it as the rules read it. */
  add(fact: FactRecorded, recordedAt: number): SectionFact {
    const occurredAt = parseInstant(fact.occurredAt)!;
    const seq = (this.seqs.get(fact.sectionId) ?? (this.lastSeq.get(fact.sectionId) as number)) + 1;
    this.seqs.set(fact.sectionId, seq);
    this.insert.run(fact.sectionId, seq, fact.studentId, fact.itemId ?? null, fact.type, fact.id, occurredAt, recordedAt, fact.status ?? null, fact.progress ?? null, fact.watchedRanges ? JSON.stringify(fact.watchedRanges) : null);
    return toRulesFact([fact.studentId, fact.itemId ?? null, fact.type, fact.id, occurredAt, recordedAt, fact.status ?? null, fact.progress ?? null, null], fact.watchedRanges);
  }

  of(sectionId: string): SectionFact[] {
    return (this.bySection.all(sectionId) as FactRow[]).map((row) => toRulesFact(row));
  }
}

/** The rules' fact, each kind one literal (V8 gives every object spread in optimized code a shape of its own). */
function toRulesFact(row: FactRow, watchedRanges?: Array<[number, number]>): SectionFact {
  const [studentId, itemId, type, id, occurredAt, recordedAt, status, progress, ranges] = row;
  switch (type) {
    case 'course.accessed':
      return { id, studentId, occurredAt, recordedAt, type: 'course.accessed' };
    case 'in-person.marked':
      return { id, studentId, occurredAt, recordedAt, type: 'in-person.marked', itemId: itemId!, status: status! };
    case 'recorded-lecture.viewed':
      return { id, studentId, occurredAt, recordedAt, type: 'recorded-lecture.viewed', itemId: itemId!, progress: progress ?? undefined, watchedRanges: watchedRanges ?? (ranges === null ? undefined : (JSON.parse(ranges) as Array<[number, number]>)) };
    default:
      return { id, studentId, occurredAt, recordedAt, type, itemId: itemId! };
  }
}
