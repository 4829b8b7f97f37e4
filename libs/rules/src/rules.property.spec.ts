import fc from 'fast-check';
import { evaluateEnrollment, EnrollmentInput } from './evaluate';
import type { Item, ItemFact } from './model';
import { resolvePolicy } from './policy';
import { STATUS_RANK } from './status';

const T0 = Date.parse('2026-09-01T08:00:00Z');
const HOUR = 3_600_000;

/** A blended section of nine items, two of each kind and a class whose pulled report is awaited, and arbitrary facts about them. */
const items: Item[] = [
  { itemId: 'v1', kind: 'virtualClass', startsAt: T0, endsAt: T0 + 1.5 * HOUR },
  { itemId: 'v2', kind: 'virtualClass', startsAt: T0 + 24 * HOUR, endsAt: T0 + 26 * HOUR },
  { itemId: 'v3', kind: 'virtualClass', startsAt: T0 + 30 * HOUR, endsAt: T0 + 31.5 * HOUR, report: { platform: 'teams' } },
  { itemId: 'r1', kind: 'inPerson', startsAt: T0 + 2 * HOUR, endsAt: T0 + 3 * HOUR },
  { itemId: 'r2', kind: 'inPerson', startsAt: T0 + 26 * HOUR, endsAt: T0 + 27 * HOUR },
  { itemId: 'l1', kind: 'recordedLecture', durationMinutes: 30, dueAt: T0 + 48 * HOUR },
  { itemId: 'l2', kind: 'recordedLecture', durationMinutes: 60, dueAt: T0 + 72 * HOUR },
  { itemId: 'a1', kind: 'eActivity', dueAt: T0 + 48 * HOUR },
  { itemId: 'a2', kind: 'eActivity', dueAt: T0 + 72 * HOUR },
];

const moment = fc.integer({ min: -HOUR, max: 80 * HOUR }).map((offset) => T0 + offset);
const factArb: fc.Arbitrary<Omit<ItemFact, 'id'>> = fc.oneof(
  fc.record({ type: fc.constantFrom('virtual-class.joined' as const, 'virtual-class.left' as const), itemId: fc.constantFrom('v1', 'v2', 'v3'), occurredAt: moment, studentId: fc.constant('s1') }),
  fc.record({ type: fc.constant('in-person.marked' as const), itemId: fc.constantFrom('r1', 'r2'), occurredAt: moment, studentId: fc.constant('s1'), status: fc.constantFrom('present' as const, 'late' as const, 'absent' as const) }),
  fc.record(
    {
      type: fc.constant('recorded-lecture.viewed' as const),
      itemId: fc.constantFrom('l1', 'l2'),
      occurredAt: moment,
      studentId: fc.constant('s1'),
      progress: fc.double({ min: 0, max: 1, noNaN: true }),
      watchedRanges: fc.array(fc.tuple(fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 0, max: 3600 })).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]), { maxLength: 3 }),
    },
    { requiredKeys: ['type', 'itemId', 'occurredAt', 'studentId'] },
  ),
  fc.record({ type: fc.constant('e-activity.submitted' as const), itemId: fc.constantFrom('a1', 'a2'), occurredAt: moment, studentId: fc.constant('s1') }),
) as fc.Arbitrary<Omit<ItemFact, 'id'>>;
const factsArb = fc.array(factArb, { maxLength: 25 }).map((facts) => facts.map((f, i) => ({ ...f, id: `f${i}` }) as ItemFact));

const input = (facts: ItemFact[], now: number, extra: Partial<EnrollmentInput> = {}): EnrollmentInput => ({
  section: { sectionId: 'sec', level: 'blended', timezone: 'Asia/Riyadh' },
  policy: resolvePolicy(),
  items,
  enrollment: { studentId: 's1', enrolledAt: T0 - 24 * HOUR },
  facts,
  excuses: [],
  corrections: [],
  waivers: [],
  attendanceTaken: new Set(['r1', 'r2']),
  now,
  ...extra,
});
const standing = (e: ReturnType<typeof evaluateEnrollment>) => ({ status: e.status, components: e.components, outcomes: e.items.map((i) => i.outcome) });

describe('properties of the rules', () => {
  it('the result does not depend on the order facts arrive in, nor on duplicates', () => {
    fc.assert(
      fc.property(factsArb, moment, fc.func(fc.integer()), fc.array(fc.nat(), { maxLength: 10 }), (facts, now, order, dupes) => {
        const shuffled = [...facts].sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1));
        const withDuplicates = [...shuffled, ...dupes.filter((d) => d < facts.length).map((d) => facts[d])];
        expect(standing(evaluateEnrollment(input(withDuplicates, now)))).toEqual(standing(evaluateEnrollment(input(facts, now))));
      }),
      { numRuns: 300 },
    );
  });

  it('attending one more item never raises absence', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom('v1', 'v2', 'r1', 'r2', 'l1', 'l2', 'a1', 'a2'), (facts, itemId) => {
        const now = T0 + 100 * HOUR;
        const item = items.find((i) => i.itemId === itemId)!;
        const attendance: Record<Item['kind'], ItemFact> = {
          virtualClass: { id: 'extra', type: 'virtual-class.joined', itemId, studentId: 's1', occurredAt: item.startsAt ?? 0 },
          inPerson: { id: 'extra', type: 'in-person.marked', itemId, studentId: 's1', occurredAt: T0 + 90 * HOUR, status: 'present' },
          recordedLecture: { id: 'extra', type: 'recorded-lecture.viewed', itemId, studentId: 's1', occurredAt: T0, progress: 1 },
          eActivity: { id: 'extra', type: 'e-activity.submitted', itemId, studentId: 's1', occurredAt: T0 },
        };
        // Joins and leaves are made attended by dropping this student's leaves for the class.
        const base = facts.filter((f) => !(f.itemId === itemId && f.type === 'virtual-class.left'));
        const before = evaluateEnrollment(input(base, now));
        const after = evaluateEnrollment(input([...base, attendance[item.kind]], now));
        for (const component of Object.keys(before.components) as Array<keyof typeof before.components>) {
          expect(after.components[component]!.absent).toBeLessThanOrEqual(before.components[component]!.absent);
        }
        expect(STATUS_RANK[after.status]).toBeLessThanOrEqual(STATUS_RANK[before.status]);
      }),
      { numRuns: 300 },
    );
  });

  it('an excuse never makes a status worse', () => {
    fc.assert(
      fc.property(factsArb, moment, fc.subarray(items.map((i) => i.itemId)), (facts, now, excused) => {
        const before = evaluateEnrollment(input(facts, now));
        const after = evaluateEnrollment(input(facts, now, { excuses: [{ studentId: 's1', itemIds: excused, reason: 'medical', decidedBy: 'council', recordedAt: 0 }] }));
        expect(STATUS_RANK[after.status]).toBeLessThanOrEqual(STATUS_RANK[before.status]);
        for (const component of Object.keys(before.components) as Array<keyof typeof before.components>) {
          expect(after.components[component]!.absent).toBeLessThanOrEqual(before.components[component]!.absent);
        }
      }),
      { numRuns: 300 },
    );
  });
});
