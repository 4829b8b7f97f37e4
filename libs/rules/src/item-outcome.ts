import { Evidence, iso } from './evidence';
import { componentsOf } from './levels';
import type { Correction, Enrollment, Excuse, Item, ItemFact, JoinFact, MarkFact, Outcome, Section, SubmissionFact, ViewFact } from './model';
import { eActivityOutcome } from './outcomes/e-activity';
import { inPersonOutcome } from './outcomes/in-person';
import { KindOutcome } from './outcomes/kind-outcome';
import { recordedLectureOutcome } from './outcomes/recorded-lecture';
import { virtualClassOutcome } from './outcomes/virtual-class';
import type { Policy } from './policy';

export interface ItemEvaluation {
  itemId: string;
  kind: Item['kind'];
  outcome: Outcome;
  /** Whether the item is in the student's planned total of its component. */
  counted: boolean;
  /** Minutes for timed sessions, 1 for the others (I4). */
  weight: number;
  evidence: Evidence[];
}

export interface ItemContext {
  section: Section;
  policy: Policy;
  enrollment: Enrollment;
  now: number;
  /** The student's facts about this item. */
  facts: ItemFact[];
  /** The accepted excuse that names this item, if any. */
  excuse?: Excuse;
  /** The latest correction of this item, if any. */
  correction?: Correction;
  /** For inPerson: whether anyone at all was marked for the session. */
  attendanceTaken: boolean;
  /** Whether to write the evidence out (a student record) or only decide (lists, notices). */
  explain: boolean;
}

/** When an item is over: the end of a timed session, the due time of the others (a recorded lecture without one is due at term end). */
export function itemDeadline(item: Item, section: Section): number | undefined {
  if (item.kind === 'virtualClass' || item.kind === 'inPerson') return item.endsAt;
  if (item.kind === 'recordedLecture') return item.dueAt ?? section.termEndsAt;
  return item.dueAt;
}

export function itemWeight(item: Item, policy: Policy): number {
  const timed = item.kind === 'virtualClass' || item.kind === 'inPerson';
  if (!timed || policy.timedItemWeight === 'count') return 1;
  return Math.round((item.endsAt! - item.startsAt!) / 60_000);
}

export const isShortVirtualClass = (item: Item, policy: Policy): boolean =>
  item.kind === 'virtualClass' && item.endsAt! - item.startsAt! < policy.minVirtualClassMinutes * 60_000;

export const isAttended = (outcome: Outcome, policy: Policy): boolean =>
  outcome === 'present' || (outcome === 'late' && policy.lateCountsAsPresent);

export const countsAsAbsent = (outcome: Outcome, policy: Policy): boolean =>
  outcome === 'absent' || (outcome === 'late' && !policy.lateCountsAsPresent) || (outcome === 'excused' && policy.excused === 'absent');

function outcomeByKind(item: Item, ctx: ItemContext): KindOutcome {
  const { facts, now, policy, explain } = ctx;
  switch (item.kind) {
    case 'virtualClass':
      return virtualClassOutcome(item, facts.filter((f): f is JoinFact => f.type === 'virtual-class.joined' || f.type === 'virtual-class.left'), now, policy, explain);
    case 'inPerson':
      return inPersonOutcome(item, facts.filter((f): f is MarkFact => f.type === 'in-person.marked'), now, ctx.attendanceTaken, policy, explain);
    case 'recordedLecture':
      return recordedLectureOutcome(
        item.durationMinutes ?? 0,
        itemDeadline(item, ctx.section),
        facts.filter((f): f is ViewFact => f.type === 'recorded-lecture.viewed'),
        now,
        policy,
        explain,
      );
    case 'eActivity':
      return eActivityOutcome(item.dueAt! + policy.graceMinutes * 60_000, facts.filter((f): f is SubmissionFact => f.type === 'e-activity.submitted'), now, explain);
  }
}

type ExclusionCode = 'not-a-component' | 'short-class' | 'before-enrollment';

/** Why an item is left out of this student's planned total, if it is. */
function exclusion(item: Item, ctx: ItemContext): ExclusionCode | undefined {
  const { section, policy, enrollment } = ctx;
  if (!componentsOf(section.level).includes(item.kind)) return 'not-a-component';
  if (isShortVirtualClass(item, policy)) return 'short-class';
  const deadline = itemDeadline(item, section);
  if (policy.excludeItemsBeforeEnrollment && deadline !== undefined && deadline < enrollment.enrolledAt) return 'before-enrollment';
  return undefined;
}

/** The exclusion told as evidence, for a student's record. */
function exclusionEvidence(code: ExclusionCode, item: Item, ctx: ItemContext): Evidence {
  const { section, policy, enrollment } = ctx;
  if (code === 'not-a-component') {
    return { kind: 'exclusion', code, values: { kind: item.kind, level: section.level }, note: `${item.kind} items do not count at the ${section.level} level` };
  }
  if (code === 'short-class') {
    const minutes = policy.minVirtualClassMinutes;
    return { kind: 'exclusion', code, values: { minVirtualClassMinutes: minutes }, note: `a virtual class shorter than ${minutes} min does not count (R8)` };
  }
  const enrolledAt = iso(enrollment.enrolledAt);
  return { kind: 'exclusion', code, values: { enrolledAt }, note: `the item ended before the student enrolled on ${enrolledAt}` };
}

/** The outcome of one (enrollment, item) pair, rules §4, with the evidence that decided it. */
export function evaluateItem(item: Item, ctx: ItemContext): ItemEvaluation {
  const weight = itemWeight(item, ctx.policy);
  const excluded = exclusion(item, ctx);
  const byKind = outcomeByKind(item, ctx);
  const { excuse, correction, explain } = ctx;
  // Excuses and corrections are not marks: a session nobody was marked in stays out for everyone.
  const outcome: Outcome = byKind.outcome === 'unrecorded' ? 'unrecorded' : excuse ? 'excused' : correction ? correction.outcome : byKind.outcome;
  const counted = outcome !== 'unrecorded' && excluded === undefined;
  if (!explain) return { itemId: item.itemId, kind: item.kind, weight, outcome, counted, evidence: [] };
  const evidence: Evidence[] = [];
  if (outcome !== 'unrecorded' && excuse) {
    evidence.push({ kind: 'excuse', code: 'excused', values: { decidedBy: excuse.decidedBy, reason: excuse.reason }, note: `excuse accepted by ${excuse.decidedBy}: ${excuse.reason}`, at: iso(excuse.recordedAt) });
  } else if (outcome !== 'unrecorded' && correction) {
    evidence.push({
      kind: 'correction',
      code: 'corrected',
      values: { outcome: correction.outcome, reason: correction.reason },
      note: `set to ${correction.outcome} by the instructor: ${correction.reason}`,
      at: iso(correction.recordedAt),
    });
  }
  evidence.push(...byKind.evidence);
  if (excluded) evidence.push(exclusionEvidence(excluded, item, ctx));
  return { itemId: item.itemId, kind: item.kind, weight, outcome, counted, evidence };
}
