import { contactHours, ContactHoursInput, hoursOf, minutesOf, sharePercent } from './contact-hours';
import type { Item, ItemFact } from './model';
import { resolvePolicy } from './policy';
import { activity, at, join, leave, lecture, mark, room, vc } from './scenario.fixture';

/**
 * A hand-worked distance-programme section, the clock at 1 October 12:00 UTC:
 *   vc1 u1 90 min  dr-h connected 07:55–09:30 (clipped: 90)     held
 *   vc2 u1 90 min  dr-k connected 08:10–08:50 and 09:00–09:30     held
 *   vc3 u2 90 min  only a leave of dr-h, no join                   not held
 *   vc4 u2 60 min  cancelled (dr-k joined anyway)                  cancelled
 *   vc5 u2 45 min  dr-h joined 08:05, never left                   held, short (R8)
 *   vc6 u2 60 min  on 4 October                                    pending
 *   rl1 u1 30 min published; rl2 cancelled; rl3 available only from 10 October; ea1, ea2 set;
 *   ip1 u1, 120 min in the classroom.
 * Planned 5 classes, 375 min; held 3, 225 min; not held 1, 90; pending 1, 60; cancelled 1, 60; short 1, 45.
 * Units: u1 and u2 both planned with a class; only u1 has a held class long enough to count.
 */
const NOW = '2026-10-01T12:00:00Z';
const cancelled = (item: Item): Item => ({ ...item, cancelled: true });
const items: Item[] = [
  { ...vc('vc1', '2026-09-06T08:00:00Z', 90), unit: 'u1' },
  { ...vc('vc2', '2026-09-13T08:00:00Z', 90), unit: 'u1' },
  { ...vc('vc3', '2026-09-20T08:00:00Z', 90), unit: 'u2' },
  cancelled({ ...vc('vc4', '2026-09-22T08:00:00Z', 60), unit: 'u2' }),
  { ...vc('vc5', '2026-09-27T08:00:00Z', 45), unit: 'u2' },
  { ...vc('vc6', '2026-10-04T08:00:00Z', 60), unit: 'u2' },
  { ...lecture('rl1', 30), unit: 'u1' },
  cancelled({ ...lecture('rl2', 25), unit: 'u2' }),
  { ...lecture('rl3', 20), startsAt: at('2026-10-10T00:00:00Z') },
  { ...activity('ea1', '2026-09-10T00:00:00Z'), unit: 'u1' },
  { ...activity('ea2', '2026-09-30T00:00:00Z'), unit: 'u2' },
  { ...room('ip1', '2026-09-08T08:00:00Z', 120), unit: 'u1' },
];

const drH: ItemFact[] = [join('vc1', '2026-09-06T07:55:00Z', 'dr-h'), leave('vc1', '2026-09-06T09:30:00Z', 'dr-h'), leave('vc3', '2026-09-20T08:30:00Z', 'dr-h'), join('vc5', '2026-09-27T08:05:00Z', 'dr-h')];
const drK: ItemFact[] = [
  join('vc2', '2026-09-13T08:10:00Z', 'dr-k'),
  leave('vc2', '2026-09-13T08:50:00Z', 'dr-k'),
  join('vc2', '2026-09-13T09:00:00Z', 'dr-k'),
  leave('vc2', '2026-09-13T09:30:00Z', 'dr-k'),
  join('vc4', '2026-09-22T08:00:00Z', 'dr-k'),
];
const amal: ItemFact[] = [
  join('vc1', '2026-09-06T08:00:00Z', 'amal'),
  leave('vc1', '2026-09-06T09:30:00Z', 'amal'),
  join('vc2', '2026-09-13T08:00:00Z', 'amal'),
  leave('vc2', '2026-09-13T08:30:00Z', 'amal'),
  join('vc2', '2026-09-13T08:40:00Z', 'amal'),
  leave('vc2', '2026-09-13T09:30:00Z', 'amal'),
  // In a class nobody taught: no contact.
  join('vc3', '2026-09-20T08:00:00Z', 'amal'),
  leave('vc3', '2026-09-20T09:30:00Z', 'amal'),
  join('vc5', '2026-09-27T08:00:00Z', 'amal'),
  leave('vc5', '2026-09-27T08:45:00Z', 'amal'),
  mark('ip1', 'present', '2026-09-08T08:05:00Z', 'amal'),
];
const badr: ItemFact[] = [
  // Joined 20 min 30 s late and never left: open until the end, 69 min 30 s.
  join('vc1', '2026-09-06T08:20:30Z', 'badr'),
  // Two joins without a leave between them are one connection: 08:15–08:45.
  join('vc5', '2026-09-27T08:15:00Z', 'badr'),
  join('vc5', '2026-09-27T08:20:00Z', 'badr'),
  leave('vc5', '2026-09-27T08:45:00Z', 'badr'),
  mark('ip1', 'late', '2026-09-08T08:20:00Z', 'badr'),
];
const chen: ItemFact[] = [mark('ip1', 'present', '2026-09-08T08:05:00Z', 'chen'), mark('ip1', 'absent', '2026-09-08T09:00:00Z', 'chen')];

const input = (over: Partial<ContactHoursInput> = {}): ContactHoursInput => ({
  section: { sectionId: 'CH-1', level: 'distance-program', timezone: 'Asia/Riyadh' },
  policy: resolvePolicy(),
  items,
  instructors: [
    { instructorId: 'dr-h', facts: drH },
    { instructorId: 'dr-k', facts: drK },
  ],
  students: [
    { studentId: 'chen', facts: chen },
    { studentId: 'amal', facts: amal },
    { studentId: 'badr', facts: badr },
  ],
  now: at(NOW),
  ...over,
});

const min = (m: number) => m * 60;

describe('contact hours of a section (NR Art. 8.4, R8, R13)', () => {
  it('counts the classes planned, held, not held, pending, cancelled and short, in seconds', () => {
    const c = contactHours(input());
    expect(c.virtualClasses).toEqual({
      planned: { count: 5, seconds: min(375) },
      held: { count: 3, seconds: min(225) },
      notHeld: { count: 1, seconds: min(90) },
      pending: { count: 1, seconds: min(60) },
      cancelled: { count: 1, seconds: min(60) },
      short: { count: 1, seconds: min(45) },
    });
    expect(c.classes.map((k) => [k.itemId, k.state, k.short, k.instructorsConnected, k.instructorSeconds / 60])).toEqual([
      ['vc1', 'held', false, ['dr-h'], 90],
      ['vc2', 'held', false, ['dr-k'], 70],
      ['vc3', 'not-held', false, [], 0],
      ['vc4', 'cancelled', false, [], 0],
      ['vc5', 'held', true, ['dr-h'], 40],
      ['vc6', 'pending', false, [], 0],
    ]);
    expect(c.heldBy).toEqual({ 'dr-h': { count: 2, seconds: min(135) }, 'dr-k': { count: 1, seconds: min(90) } });
  });

  it('counts recorded lectures published and e-activities set, and the units taught synchronously', () => {
    const c = contactHours(input());
    expect(c.recordedLectures).toEqual({ count: 1, seconds: min(30) });
    expect(c.eActivities).toEqual({ count: 2 });
    // u2's only held class is 45 minutes: too short to count (R8), so u2 is planned synchronously but not taught so.
    expect(c.units).toEqual({ total: 2, synchronousPlanned: 2, synchronousHeld: 1 });
    expect(c.findings.map((f) => [f.rule, f.code, f.itemId])).toEqual([
      ['R8', 'short-class', 'vc5'],
      ['R13', 'few-interactive-units', undefined],
    ]);
  });

  it("gives each student's contact time: connected time in held classes only, and classroom sessions attended", () => {
    const c = contactHours(input());
    expect(c.students).toEqual([
      { studentId: 'amal', virtualClassSeconds: min(90 + 80 + 45), classesJoined: 3, inPersonSeconds: min(120), inPersonSessions: 1 },
      { studentId: 'badr', virtualClassSeconds: min(69) + 30 + min(30), classesJoined: 2, inPersonSeconds: min(120), inPersonSessions: 1 },
      { studentId: 'chen', virtualClassSeconds: 0, classesJoined: 0, inPersonSeconds: 0, inPersonSessions: 0 },
    ]);
    // Late does not count as present under this policy: badr's classroom session is not attended.
    expect(contactHours(input({ policy: resolvePolicy({ lateCountsAsPresent: false }) })).students[1]).toMatchObject({ inPersonSeconds: 0, inPersonSessions: 0 });
  });

  it('holds a running class once an instructor is connected, and counts its students up to now', () => {
    const running = { ...vc('live', '2026-10-04T08:00:00Z', 60), unit: 'u3' };
    const student = { studentId: 'amal', facts: [join('live', '2026-10-04T08:00:00Z', 'amal')] };
    const before = contactHours(input({ items: [running], instructors: [{ instructorId: 'dr-h', facts: [join('live', '2026-10-04T08:10:00Z', 'dr-h')] }], students: [student], now: at('2026-10-04T08:05:00Z') }));
    expect([before.classes[0].state, before.students[0].virtualClassSeconds]).toEqual(['pending', 0]);
    const during = contactHours(input({ items: [running], instructors: [{ instructorId: 'dr-h', facts: [join('live', '2026-10-04T08:10:00Z', 'dr-h')] }], students: [student], now: at('2026-10-04T08:30:00Z') }));
    expect([during.classes[0].state, during.classes[0].instructorSeconds, during.students[0].virtualClassSeconds]).toEqual(['held', min(20), min(30)]);
    expect(during.units).toEqual({ total: 1, synchronousPlanned: 1, synchronousHeld: 1 });
    const ended = contactHours(input({ items: [running], instructors: [], students: [student], now: at('2026-10-04T09:00:00Z') }));
    expect([ended.classes[0].state, ended.virtualClasses.notHeld]).toEqual(['not-held', { count: 1, seconds: min(60) }]);
  });

  it('shows hours to two decimals and minutes whole, half up, from whole seconds', () => {
    expect([hoursOf(min(375)), hoursOf(min(215)), hoursOf(min(99) + 30), hoursOf(18), hoursOf(17)]).toEqual([6.25, 3.58, 1.66, 0.01, 0]);
    expect([minutesOf(min(99) + 30), minutesOf(min(99) + 29)]).toEqual([100, 99]);
    expect([sharePercent(1, 2), sharePercent(1, 3), sharePercent(2, 3), sharePercent(0, 0)]).toEqual([50, 33.33, 66.67, null]);
  });
});
