import { evaluateEnrollment, StudentEvaluation } from './evaluate';
import type { Correction, Excuse, Item, ItemFact, Level, Section, Waiver } from './model';
import { Policy, resolvePolicy } from './policy';

/** Builds small scenarios for the rules tests: times are written as ISO strings. */
export const at = (iso: string): number => Date.parse(iso);

export const vc = (itemId: string, startsAt: string, minutes: number): Item => ({
  itemId,
  kind: 'virtualClass',
  startsAt: at(startsAt),
  endsAt: at(startsAt) + minutes * 60_000,
});
export const room = (itemId: string, startsAt: string, minutes: number): Item => ({ ...vc(itemId, startsAt, minutes), kind: 'inPerson' });
export const lecture = (itemId: string, durationMinutes: number, dueAt?: string): Item => ({
  itemId,
  kind: 'recordedLecture',
  durationMinutes,
  dueAt: dueAt === undefined ? undefined : at(dueAt),
});
export const activity = (itemId: string, dueAt: string): Item => ({ itemId, kind: 'eActivity', dueAt: at(dueAt) });

let factCounter = 0;
const fid = () => `f${++factCounter}`;
export const join = (itemId: string, when: string, studentId = 's1'): ItemFact => ({ id: fid(), type: 'virtual-class.joined', itemId, studentId, occurredAt: at(when) });
export const leave = (itemId: string, when: string, studentId = 's1'): ItemFact => ({ id: fid(), type: 'virtual-class.left', itemId, studentId, occurredAt: at(when) });
export const mark = (itemId: string, status: 'present' | 'late' | 'absent', when: string, studentId = 's1'): ItemFact => ({
  id: fid(),
  type: 'in-person.marked',
  itemId,
  studentId,
  status,
  occurredAt: at(when),
});
export const view = (itemId: string, when: string, extra: { progress?: number; watchedRanges?: Array<[number, number]> } = {}, studentId = 's1'): ItemFact => ({
  id: fid(),
  type: 'recorded-lecture.viewed',
  itemId,
  studentId,
  occurredAt: at(when),
  ...extra,
});
export const submit = (itemId: string, when: string, studentId = 's1'): ItemFact => ({ id: fid(), type: 'e-activity.submitted', itemId, studentId, occurredAt: at(when) });

export interface Scenario {
  level: Level;
  items: Item[];
  facts?: ItemFact[];
  now: string;
  policy?: Partial<Policy>;
  enrolledAt?: string;
  excuses?: Array<Pick<Excuse, 'itemIds'>>;
  corrections?: Array<Pick<Correction, 'itemId' | 'outcome'>>;
  waived?: boolean;
  /** inPerson items someone else was marked in; items this student was marked in are added. */
  othersMarkedIn?: string[];
  termEndsAt?: string;
}

export function evaluate(s: Scenario): StudentEvaluation {
  const section: Section = {
    sectionId: 'sec',
    level: s.level,
    timezone: 'Asia/Riyadh',
    termEndsAt: s.termEndsAt ? at(s.termEndsAt) : undefined,
  };
  const facts = s.facts ?? [];
  const attendanceTaken = new Set([...(s.othersMarkedIn ?? []), ...facts.filter((f) => f.type === 'in-person.marked').map((f) => f.itemId)]);
  const waivers: Waiver[] = s.waived ? [{ studentId: 's1', decidedBy: 'council', reason: 'illness', recordedAt: 0 }] : [];
  return evaluateEnrollment({
    section,
    policy: resolvePolicy(s.policy),
    items: s.items,
    enrollment: { studentId: 's1', enrolledAt: at(s.enrolledAt ?? '2026-08-01T00:00:00Z') },
    facts,
    excuses: (s.excuses ?? []).map((e) => ({ ...e, studentId: 's1', reason: 'medical', decidedBy: 'council', recordedAt: 0 })),
    corrections: (s.corrections ?? []).map((c, i) => ({ ...c, studentId: 's1', reason: 'checked the log', sequence: i, recordedAt: 0 })),
    waivers,
    attendanceTaken,
    now: at(s.now),
  });
}

export const outcomeOf = (e: StudentEvaluation, itemId: string) => e.items.find((i) => i.itemId === itemId)?.outcome;
