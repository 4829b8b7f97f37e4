/**
 * The facts and settings the rules are computed from. Every time is milliseconds since the
 * epoch, so comparisons are exact integers.
 */

export type Level = 'supporting' | 'evening-virtual' | 'blended' | 'online' | 'distance-program';
export const LEVELS: readonly Level[] = ['supporting', 'evening-virtual', 'blended', 'online', 'distance-program'];

export type ItemKind = 'virtualClass' | 'inPerson' | 'recordedLecture' | 'eActivity';
export const ITEM_KINDS: readonly ItemKind[] = ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'];
/** An attendance component is named by the kind of item it counts. */
export type Component = ItemKind;

export type Outcome = 'pending' | 'present' | 'late' | 'absent' | 'excused' | 'unrecorded';
export type MarkStatus = 'present' | 'late' | 'absent';
export type CorrectedOutcome = 'present' | 'late' | 'absent' | 'excused';
export const CORRECTED_OUTCOMES: readonly CorrectedOutcome[] = ['present', 'late', 'absent', 'excused'];

export interface Section {
  sectionId: string;
  level: Level;
  inPersonSharePercent?: number;
  timezone: string;
  /** The end of term: the deadline of a recorded lecture that has no dueAt of its own. */
  termEndsAt?: number;
}

export interface Item {
  itemId: string;
  kind: ItemKind;
  startsAt?: number;
  endsAt?: number;
  dueAt?: number;
  durationMinutes?: number;
  unit?: string;
  title?: string;
  cancelled?: boolean;
  /** A virtual class whose attendance comes in a report pulled from `platform` after it, received at `receivedAt`. */
  report?: { platform: string; receivedAt?: number };
}

export interface Enrollment {
  studentId: string;
  enrolledAt: number;
  droppedAt?: number;
}

interface FactBase {
  id: string;
  occurredAt: number;
  studentId: string;
}
export interface JoinFact extends FactBase {
  type: 'virtual-class.joined' | 'virtual-class.left';
  itemId: string;
}
export interface ViewFact extends FactBase {
  type: 'recorded-lecture.viewed';
  itemId: string;
  progress?: number;
  watchedRanges?: Array<[number, number]>;
}
export interface SubmissionFact extends FactBase {
  type: 'e-activity.submitted';
  itemId: string;
}
export interface MarkFact extends FactBase {
  type: 'in-person.marked';
  itemId: string;
  status: MarkStatus;
}
export interface AccessFact extends FactBase {
  type: 'course.accessed';
}
export type Fact = JoinFact | ViewFact | SubmissionFact | MarkFact | AccessFact;
export type ItemFact = Exclude<Fact, AccessFact>;
export type FactType = Fact['type'];
export const FACT_TYPES: readonly FactType[] = [
  'virtual-class.joined',
  'virtual-class.left',
  'recorded-lecture.viewed',
  'e-activity.submitted',
  'in-person.marked',
  'course.accessed',
];

export interface Excuse {
  studentId: string;
  itemIds: string[];
  reason: string;
  decidedBy: string;
  recordedAt: number;
  /** Its name, for a revocation; `requestId`: the request it accepts. */
  excuseId?: string;
  requestId?: string;
}

export interface Correction {
  studentId: string;
  itemId: string;
  outcome: CorrectedOutcome;
  reason: string;
  /** Order in which corrections were recorded: the latest wins. */
  sequence: number;
  recordedAt: number;
}

export interface Waiver {
  studentId: string;
  decidedBy: string;
  reason: string;
  recordedAt: number;
}
