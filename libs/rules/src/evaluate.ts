import { evaluateItem, ItemEvaluation } from './item-outcome';
import { componentsOf } from './levels';
import type { Correction, Enrollment, Excuse, Item, ItemFact, Section, Waiver } from './model';
import type { Policy } from './policy';
import { applyWaiver, Reason, reasonsFor, Status, statusOf, Tallies } from './status';
import { tallyComponents } from './tally';

export interface EnrollmentInput {
  section: Section;
  policy: Policy;
  items: Item[];
  enrollment: Enrollment;
  /** The student's facts in this section (any order, duplicates allowed). */
  facts: ItemFact[];
  excuses: Excuse[];
  corrections: Correction[];
  waivers: Waiver[];
  /** inPerson items for which anyone in the section was marked. */
  attendanceTaken: ReadonlySet<string>;
  /** The moment of evaluation: deadlines before it have passed. */
  now: number;
  /** Write out every item's evidence (default), or only decide: lists and notices do not show it. */
  explain?: boolean;
}

export interface StudentEvaluation {
  studentId: string;
  status: Status;
  eligible: boolean;
  components: Tallies;
  reasons: Reason[];
  items: ItemEvaluation[];
}

function groupByItem(facts: ItemFact[]): Map<string, ItemFact[]> {
  const byItem = new Map<string, Map<string, ItemFact>>();
  for (const fact of facts) {
    let forItem = byItem.get(fact.itemId);
    if (!forItem) byItem.set(fact.itemId, (forItem = new Map()));
    // The same id again is the same fact: keep one, whichever arrived first.
    if (!forItem.has(fact.id)) forItem.set(fact.id, fact);
  }
  return new Map([...byItem].map(([itemId, forItem]) => [itemId, [...forItem.values()]]));
}

/** One student's standing in one section at `now`: every item's outcome, the components, the status. */
export function evaluateEnrollment(input: EnrollmentInput): StudentEvaluation {
  const { section, policy, enrollment, now } = input;
  const factsByItem = groupByItem(input.facts);
  const excuseOf = new Map<string, Excuse>();
  for (const excuse of input.excuses) if (excuse.studentId === enrollment.studentId) for (const itemId of excuse.itemIds) if (!excuseOf.has(itemId)) excuseOf.set(itemId, excuse);
  const correctionOf = new Map<string, Correction>();
  for (const c of input.corrections) {
    const previous = correctionOf.get(c.itemId);
    if (c.studentId === enrollment.studentId && (!previous || c.sequence > previous.sequence)) correctionOf.set(c.itemId, c);
  }
  const explain = input.explain ?? true;
  const items = input.items
    .filter((item) => !item.cancelled)
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
    .map((item) =>
      evaluateItem(item, {
        section,
        policy,
        enrollment,
        now,
        facts: factsByItem.get(item.itemId) ?? [],
        excuse: excuseOf.get(item.itemId),
        correction: correctionOf.get(item.itemId),
        attendanceTaken: input.attendanceTaken.has(item.itemId),
        explain,
      }),
    );
  const components = tallyComponents(componentsOf(section.level), items, policy);
  const waivers = input.waivers.filter((w) => w.studentId === enrollment.studentId);
  const status = applyWaiver(statusOf(components, policy), components, policy, waivers);
  return {
    studentId: enrollment.studentId,
    status,
    eligible: status !== 'deprived',
    components,
    reasons: reasonsFor(components, policy, status),
    items,
  };
}
