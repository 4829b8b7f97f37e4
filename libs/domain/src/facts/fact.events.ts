import { FACT_TYPES } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';
import { checker, Id, Instant, OneOf } from '../schema';
import { factTimeProblem, parseInstant } from '../time';

const WatchedRanges = Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]), {
  maxItems: 10_000,
  errorMessage: 'must be a list of [fromSecond, toSecond] pairs with 0 ≤ fromSecond ≤ toSecond',
});

const factProperties = {
  id: Id(),
  type: OneOf(FACT_TYPES),
  occurredAt: Instant(),
  sectionId: Id(),
  studentId: Id(),
  itemId: Type.Optional(Id()),
  progress: Type.Optional(Type.Number({ minimum: 0, maximum: 1, errorMessage: 'must be a number from 0 to 1' })),
  watchedRanges: Type.Optional(WatchedRanges),
  status: Type.Optional(OneOf(['present', 'late', 'absent'] as const)),
};

/** One fact of POST /api/v1/events, as the contract states it. */
export const FactBody = Type.Object(factProperties, { additionalProperties: false });
export type FactBody = Static<typeof FactBody>;

/** A fact as accepted from POST /events or a platform adapter: one event in its own stream. */
export interface FactRecorded extends FactBody {
  /** Where the fact came from: "api" or a platform name. */
  source: string;
}
/** As stored: fields a later version may add are let through. */
const StoredFact = Type.Object({ ...factProperties, source: Type.Optional(Type.String()) });

export const FACT_RECORDED = 'FactRecorded';
/** One stream per fact: a second fact with the same id meets the first and is a duplicate on every store. */
export const factStream = (factId: string) => `fact-${factId}`;
export const factEventId = (factId: string) => `fact:${factId}`;

const body = checker(FactBody);
const stored = checker(StoredFact);

/** What only some types carry, and what every time must satisfy; names relative to the fact. */
function meaningProblems(fact: FactBody, now: number): string[] {
  const problems: string[] = [];
  const item = fact.type !== 'course.accessed';
  if (item && fact.itemId === undefined) problems.push('itemId is required');
  if (!item && fact.itemId !== undefined) problems.push('itemId is not allowed on course.accessed');
  if (fact.type === 'in-person.marked' && fact.status === undefined) problems.push('status is required');
  if (fact.type !== 'in-person.marked' && fact.status !== undefined) problems.push('status is allowed only on in-person.marked');
  for (const field of ['progress', 'watchedRanges'] as const) {
    if (fact.type !== 'recorded-lecture.viewed' && fact[field] !== undefined) problems.push(`${field} is allowed only on recorded-lecture.viewed`);
  }
  if (fact.watchedRanges?.some(([from, to]) => from > to)) problems.push('watchedRanges must be a list of [fromSecond, toSecond] pairs with 0 ≤ fromSecond ≤ toSecond');
  const timeProblem = factTimeProblem(parseInstant(fact.occurredAt)!, now);
  if (timeProblem) problems.push(`occurredAt ${timeProblem}`);
  return problems;
}

/** Checks a fact as posted, at the service's clock `now`; answers the problems, each naming its field under `prefix`. */
export function factProblems(raw: unknown, now: number, prefix = ''): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [`${prefix || 'the fact'} must be a JSON object`];
  const problems = body.problems(raw, prefix);
  if (problems.length > 0) return problems;
  return meaningProblems(raw as FactBody, now).map((p) => (prefix ? `${prefix}.${p}` : p));
}

/**
 * A stored fact the rules can use, or why not. A fact is judged at the moment it was recorded,
 * so one stored by an older version that did not check times is skipped, not evaluated.
 */
export function storedFactProblem(data: unknown, recordedAt: number): string | undefined {
  const problems = stored.problems(data);
  if (problems.length > 0) return problems.join('; ');
  const fact = data as FactBody;
  // course.accessed with an itemId was once accepted; the item is simply not used.
  const meaning = meaningProblems(fact.type === 'course.accessed' ? { ...fact, itemId: undefined } : fact, recordedAt);
  return meaning.length > 0 ? meaning.join('; ') : undefined;
}
