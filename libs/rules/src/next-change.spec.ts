import fc from 'fast-check';
import { evaluateEnrollment } from './evaluate';
import type { Item, ItemFact } from './model';
import { nextChangeAt } from './next-change';
import { resolvePolicy } from './policy';

const T0 = Date.parse('2026-09-06T08:00:00Z');
const H = 3_600_000;
const items: Item[] = [
  { itemId: 'v', kind: 'virtualClass', startsAt: T0, endsAt: T0 + H },
  { itemId: 'r', kind: 'inPerson', startsAt: T0 + 2 * H, endsAt: T0 + 3 * H },
  { itemId: 'l', kind: 'recordedLecture', durationMinutes: 30, dueAt: T0 + 5 * H },
  { itemId: 'a', kind: 'eActivity', dueAt: T0 + 6 * H },
];
const section = { sectionId: 's', level: 'blended' as const, timezone: 'Asia/Riyadh' };
const policy = resolvePolicy({ graceMinutes: 10 });

describe('nextChangeAt', () => {
  it('is the next deadline or class start, and now itself while a class runs', () => {
    expect(nextChangeAt(items, section, policy, T0 - H)).toBe(T0);
    expect(nextChangeAt(items, section, policy, T0 + 1)).toBe(T0 + 1);
    expect(nextChangeAt(items, section, policy, T0 + H)).toBe(T0 + 3 * H);
    expect(nextChangeAt(items, section, policy, T0 + 3 * H)).toBe(T0 + 5 * H + 1);
    expect(nextChangeAt(items, section, policy, T0 + 5 * H + 1)).toBe(T0 + 6 * H + 10 * 60_000 + 1);
    expect(nextChangeAt(items, section, policy, T0 + 7 * H)).toBe(Infinity);
  });

  it('promises only what is true: between now and the next change the evaluation does not move', () => {
    const fact = fc.oneof(
      fc.record({ type: fc.constantFrom('virtual-class.joined' as const, 'virtual-class.left' as const), itemId: fc.constant('v'), occurredAt: fc.integer({ min: T0 - H, max: T0 + 2 * H }) }),
      fc.record({ type: fc.constant('e-activity.submitted' as const), itemId: fc.constant('a'), occurredAt: fc.integer({ min: T0, max: T0 + 8 * H }) }),
      fc.record({ type: fc.constant('recorded-lecture.viewed' as const), itemId: fc.constant('l'), occurredAt: fc.integer({ min: T0, max: T0 + 8 * H }) }),
    );
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 8 }), fc.integer({ min: T0 - 2 * H, max: T0 + 9 * H }), fc.double({ min: 0, max: 0.999, noNaN: true }), (raw, now, fraction) => {
        const facts = raw.map((f, i) => ({ ...f, id: `f${i}`, studentId: 's1' }) as ItemFact);
        const next = nextChangeAt(items, section, policy, now);
        const later = next === Infinity ? now + 100 * H : now + Math.floor((next - now) * fraction);
        const at = (t: number) =>
          evaluateEnrollment({ section, policy, items, enrollment: { studentId: 's1', enrolledAt: 0 }, facts, excuses: [], corrections: [], waivers: [], attendanceTaken: new Set(), now: t, explain: false });
        expect(at(later)).toEqual(at(now));
      }),
      { numRuns: 500 },
    );
  });
});
