import { decideNotices, INITIAL_NOTICE_STATE, INITIAL_WATCH, nextNoticeAt, Notice, NoticeState, observeStanding } from './notices';
import type { Status } from './status';
import { loginCompliance } from './logins';
import { resolvePolicy } from './policy';
import { activity, at, evaluate, join, leave, lecture, mark, outcomeOf, room, submit, vc, view } from './scenario.fixture';
import { sectionFindings } from './section-checks';
import { withinWaiverFloor } from './status';

const DAY = '2026-09-';
const END = '2026-12-31T00:00:00Z';
/** Four 100-minute virtual classes on consecutive days: 400 planned minutes. */
const fourClasses = [1, 2, 3, 4].map((d) => vc(`vc${d}`, `${DAY}0${d}T08:00:00Z`, 100));
const attendAll = (items: string[], except: string[] = []) =>
  items.filter((i) => !except.includes(i)).flatMap((i) => {
    const d = i.slice(-1);
    return [join(i, `${DAY}0${d}T08:00:00Z`), leave(i, `${DAY}0${d}T09:40:00Z`)];
  });

describe('rules, article by article', () => {
  it('R1 supporting: only classroom attendance counts', () => {
    const e = evaluate({
      level: 'supporting',
      items: [room('r1', `${DAY}01T08:00:00Z`, 60), vc('v1', `${DAY}02T08:00:00Z`, 90)],
      facts: [mark('r1', 'present', `${DAY}01T08:05:00Z`)],
      now: END,
    });
    expect(Object.keys(e.components)).toEqual(['inPerson']);
    expect(e.components.inPerson).toMatchObject({ planned: 60, attended: 60, absent: 0 });
    expect(e.items.find((i) => i.itemId === 'v1')).toMatchObject({ outcome: 'absent', counted: false });
    expect(e.status).toBe('good');
  });

  it('R2 evening-virtual: virtual-class minutes against the whole course', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc1', 'vc2', 'vc3']), now: END });
    expect(e.components.virtualClass).toMatchObject({ planned: 400, attended: 300, absent: 100, absencePercent: 25, allowance: 0 });
  });

  it('I3 exactly 25% absence is not deprived', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc1', 'vc2', 'vc3']), now: END });
    expect(e.status).toBe('warning-2');
    expect(e.eligible).toBe(true);
  });

  it('I3 25% plus one minute is deprived', () => {
    const items = [vc('a', `${DAY}01T08:00:00Z`, 100), vc('b', `${DAY}02T08:00:00Z`, 100), vc('c', `${DAY}03T08:00:00Z`, 99), vc('d', `${DAY}04T08:00:00Z`, 101)];
    const facts = [join('a', `${DAY}01T08:00:00Z`), join('b', `${DAY}02T08:00:00Z`), join('c', `${DAY}03T08:00:00Z`)];
    const e = evaluate({ level: 'evening-virtual', items, facts, now: END });
    expect(e.components.virtualClass).toMatchObject({ planned: 400, absent: 101, absencePercent: 25.25 });
    expect(e.status).toBe('deprived');
    expect(e.eligible).toBe(false);
    expect(e.reasons).toEqual([{ component: 'virtualClass', absencePercent: 25.25, limitPercent: 25 }]);
  });

  const blendedItems = [
    vc('vc1', `${DAY}01T08:00:00Z`, 100),
    lecture('rl1', 30, `${DAY}05T00:00:00Z`),
    lecture('rl2', 30, `${DAY}06T00:00:00Z`),
    activity('ea1', `${DAY}05T00:00:00Z`),
    activity('ea2', `${DAY}06T00:00:00Z`),
    activity('ea3', `${DAY}07T00:00:00Z`),
    activity('ea4', `${DAY}08T00:00:00Z`),
    room('ip1', `${DAY}02T08:00:00Z`, 60),
  ];
  const blendedFacts = [
    join('vc1', `${DAY}01T08:00:00Z`),
    view('rl1', `${DAY}04T00:00:00Z`),
    view('rl2', `${DAY}04T00:00:00Z`),
    submit('ea1', `${DAY}04T00:00:00Z`),
    submit('ea2', `${DAY}04T00:00:00Z`),
    mark('ip1', 'present', `${DAY}02T08:00:00Z`),
  ];

  it('R3 blended: four components, each counted in its own weight', () => {
    const e = evaluate({ level: 'blended', items: blendedItems, facts: blendedFacts, now: END });
    expect(Object.keys(e.components).sort()).toEqual(['eActivity', 'inPerson', 'recordedLecture', 'virtualClass']);
    expect(e.components.virtualClass).toMatchObject({ planned: 100, attended: 100 });
    expect(e.components.recordedLecture).toMatchObject({ planned: 2, attended: 2 });
    expect(e.components.eActivity).toMatchObject({ planned: 4, attended: 2, absent: 2, absencePercent: 50, allowance: 0 });
    expect(e.components.inPerson).toMatchObject({ planned: 60, attended: 60 });
  });

  it('R4 / I1 blended: deprived when any one component breaks the limit', () => {
    const e = evaluate({ level: 'blended', items: blendedItems, facts: blendedFacts, now: END });
    expect(e.status).toBe('deprived');
    expect(e.reasons).toEqual([{ component: 'eActivity', absencePercent: 50, limitPercent: 25 }]);
  });

  it('I1 weighted-total: the mean of the components decides instead', () => {
    const e = evaluate({ level: 'blended', items: blendedItems, facts: blendedFacts, now: END, policy: { combine: 'weighted-total' } });
    // (0 + 0 + 50% + 0) / 4 = 12.5%: past the first warning, far from the limit.
    expect(e.status).toBe('warning-1');
  });

  it('R5 online: virtual classes and e-activities count, recorded lectures do not', () => {
    const e = evaluate({
      level: 'online',
      items: [vc('v1', `${DAY}01T08:00:00Z`, 90), activity('a1', `${DAY}05T00:00:00Z`), lecture('l1', 20, `${DAY}05T00:00:00Z`)],
      facts: [join('v1', `${DAY}01T08:00:00Z`), submit('a1', `${DAY}04T00:00:00Z`)],
      now: END,
    });
    expect(Object.keys(e.components).sort()).toEqual(['eActivity', 'virtualClass']);
    expect(e.items.find((i) => i.itemId === 'l1')).toMatchObject({ outcome: 'absent', counted: false });
    expect(e.status).toBe('good');
  });

  it('R6 a submission one second late is absent; at the due second it counts', () => {
    const items = [activity('a1', `${DAY}05T00:00:00Z`), activity('a2', `${DAY}05T00:00:00Z`)];
    const e = evaluate({ level: 'online', items, facts: [submit('a1', `${DAY}05T00:00:01Z`), submit('a2', `${DAY}05T00:00:00Z`)], now: END });
    expect(outcomeOf(e, 'a1')).toBe('absent');
    expect(outcomeOf(e, 'a2')).toBe('present');
  });

  it('R6 graceMinutes extends the due time', () => {
    const e = evaluate({ level: 'online', items: [activity('a1', `${DAY}05T00:00:00Z`)], facts: [submit('a1', `${DAY}05T00:04:00Z`)], now: END, policy: { graceMinutes: 5 } });
    expect(outcomeOf(e, 'a1')).toBe('present');
  });

  it('R7 / I5 an excused absence is not absent and stays planned', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc1', 'vc2']), excuses: [{ itemIds: ['vc3', 'vc4'] }], now: END });
    expect(e.components.virtualClass).toMatchObject({ planned: 400, attended: 200, absent: 0, excused: 200 });
    expect(e.status).toBe('good');
  });

  it('I5 excused "absent": excused items count toward the limit', () => {
    const e = evaluate({
      level: 'evening-virtual',
      items: fourClasses,
      facts: attendAll(['vc1', 'vc2']),
      excuses: [{ itemIds: ['vc3', 'vc4'] }],
      now: END,
      policy: { excused: 'absent' },
    });
    expect(e.components.virtualClass).toMatchObject({ absent: 200, excused: 200 });
    expect(e.status).toBe('deprived');
  });

  it('R8 / I7 a short virtual class is shown but left out of planned, with a finding', () => {
    const items = [...fourClasses, vc('short', `${DAY}05T08:00:00Z`, 45)];
    const e = evaluate({ level: 'evening-virtual', items, facts: attendAll(['vc1', 'vc2', 'vc3', 'vc4']), now: END });
    expect(e.items.find((i) => i.itemId === 'short')).toMatchObject({ outcome: 'absent', counted: false });
    expect(e.components.virtualClass).toMatchObject({ planned: 400, absent: 0 });
    const findings = sectionFindings({ sectionId: 's', level: 'evening-virtual', timezone: 'Asia/Riyadh' }, resolvePolicy(), items, 1, new Set(), at(END));
    expect(findings).toEqual([expect.objectContaining({ rule: 'R8', itemId: 'short' })]);
  });

  it('R9 / I9 logins: distinct days per Sunday-to-Saturday week in the section time zone', () => {
    const access = (iso: string) => ({ id: iso, type: 'course.accessed' as const, studentId: 's1', occurredAt: at(iso) });
    const weeks = loginCompliance(
      [
        access('2026-09-05T20:00:00Z'), // Saturday 23:00 in Riyadh: the week of Sunday 30 August
        access('2026-09-05T22:00:00Z'), // Sunday 01:00 in Riyadh
        access('2026-09-06T10:00:00Z'), // the same Sunday again
        access('2026-09-07T10:00:00Z'),
        access('2026-09-08T10:00:00Z'),
      ],
      'Asia/Riyadh',
      resolvePolicy(),
    );
    expect(weeks).toEqual([
      { weekStart: '2026-08-30', days: 1, compliant: false },
      { weekStart: '2026-09-06', days: 3, compliant: true },
    ]);
  });

  it('R10 distance programme: only synchronous lectures count', () => {
    const e = evaluate({ level: 'distance-program', items: [...fourClasses, activity('a', `${DAY}05T00:00:00Z`)], facts: attendAll(['vc1', 'vc2']), now: END });
    expect(Object.keys(e.components)).toEqual(['virtualClass']);
    expect(e.status).toBe('deprived');
  });

  it('R11 a blended section over 100 students and an online one over 200 are flagged', () => {
    const check = (level: 'blended' | 'online', n: number) =>
      sectionFindings({ sectionId: 's', level, timezone: 'Asia/Riyadh' }, resolvePolicy(), [], n, new Set(), 0).map((f) => f.rule);
    expect(check('blended', 100)).toEqual([]);
    expect(check('blended', 101)).toEqual(['R11']);
    expect(check('online', 200)).toEqual([]);
    expect(check('online', 201)).toEqual(['R11']);
  });

  it('R12 online: every unit needs a synchronous meeting and an e-activity', () => {
    const items = [
      { ...vc('v1', `${DAY}01T08:00:00Z`, 60), unit: 'u1' },
      { ...activity('a1', `${DAY}02T08:00:00Z`), unit: 'u1' },
      { ...activity('a2', `${DAY}03T08:00:00Z`), unit: 'u2' },
    ];
    const findings = sectionFindings({ sectionId: 's', level: 'online', timezone: 'Asia/Riyadh' }, resolvePolicy(), items, 10, new Set(), 0);
    expect(findings).toEqual([expect.objectContaining({ rule: 'R12', unit: 'u2', message: 'unit u2 has no synchronous meeting' })]);
  });

  it('R13 distance programme: a quarter of the units synchronous and another quarter interactive', () => {
    const unitItems = (n: number, kind: 'sync' | 'interactive' | 'none') =>
      kind === 'sync' ? [{ ...vc(`v${n}`, `${DAY}01T08:00:00Z`, 60), unit: `u${n}` }] : kind === 'interactive' ? [{ ...activity(`a${n}`, `${DAY}02T08:00:00Z`), unit: `u${n}` }] : [{ ...lecture(`l${n}`, 10), unit: `u${n}` }];
    const section = { sectionId: 's', level: 'distance-program' as const, timezone: 'Asia/Riyadh' };
    const ok = [...unitItems(1, 'sync'), ...unitItems(2, 'interactive'), ...unitItems(3, 'none'), ...unitItems(4, 'none')];
    expect(sectionFindings(section, resolvePolicy(), ok, 10, new Set(), 0)).toEqual([]);
    const bad = [...unitItems(1, 'sync'), ...unitItems(2, 'none'), ...unitItems(3, 'none'), ...unitItems(4, 'none'), ...unitItems(5, 'none')];
    expect(sectionFindings(section, resolvePolicy(), bad, 10, new Set(), 0).map((f) => f.rule)).toEqual(['R13', 'R13']);
  });
});

describe('interpretations', () => {
  it('I2 the whole term is the denominator, so a student can be deprived mid-term', () => {
    const items = [...fourClasses, ...[5, 6, 7, 8].map((d) => vc(`later${d}`, `${DAY}0${d}T08:00:00Z`, 100))];
    const e = evaluate({ level: 'evening-virtual', items, facts: [], now: `${DAY}03T12:00:00Z` });
    expect(e.components.virtualClass).toMatchObject({ planned: 800, absent: 300, pending: 500, attendancePercentToDate: 0 });
    expect(e.status).toBe('deprived');
  });

  it('I2 "decided": only what is decided so far is the denominator', () => {
    const items = [...fourClasses, ...[5, 6, 7, 8].map((d) => vc(`later${d}`, `${DAY}0${d}T08:00:00Z`, 100))];
    const e = evaluate({ level: 'evening-virtual', items, facts: attendAll(['vc1', 'vc2', 'vc3']), now: `${DAY}04T12:00:00Z`, policy: { denominator: 'decided' } });
    expect(e.components.virtualClass).toMatchObject({ planned: 800, absent: 100, absencePercent: 25 });
    expect(e.status).toBe('warning-2');
  });

  it('I4 timed sessions weigh their minutes; recorded lectures and e-activities weigh 1', () => {
    const e = evaluate({ level: 'blended', items: blendedItemsForWeights(), othersMarkedIn: ['r'], now: END });
    expect(e.components).toMatchObject({ virtualClass: { planned: 75 }, inPerson: { planned: 120 }, recordedLecture: { planned: 1 }, eActivity: { planned: 1 } });
    const byCount = evaluate({ level: 'blended', items: blendedItemsForWeights(), othersMarkedIn: ['r'], now: END, policy: { timedItemWeight: 'count' } });
    expect(byCount.components).toMatchObject({ virtualClass: { planned: 1 }, inPerson: { planned: 1 } });
  });
  function blendedItemsForWeights() {
    return [vc('v', `${DAY}01T08:00:00Z`, 75), room('r', `${DAY}01T10:00:00Z`, 120), lecture('l', 50, `${DAY}03T00:00:00Z`), activity('a', `${DAY}03T00:00:00Z`)];
  }

  it('I6 the first and second warnings come at 10% and 20% of planned', () => {
    const items = Array.from({ length: 10 }, (_, i) => activity(`a${i}`, `2026-09-1${i}T00:00:00Z`));
    const submittedBut = (missed: number) => items.slice(missed).map((i) => submit(i.itemId, '2026-09-01T00:00:00Z'));
    const status = (missed: number) => evaluate({ level: 'online', items, facts: submittedBut(missed), now: END }).status;
    expect([0, 1, 2, 3].map(status)).toEqual(['good', 'warning-1', 'warning-2', 'deprived']);
  });

  /** Runs the notice decisions over statuses seen at the given minutes; answers what was told, with when. */
  function tell(seen: Array<[number, Status]>, delayMinutes: number, until = seen.at(-1)![0]) {
    let state: NoticeState = INITIAL_NOTICE_STATE;
    let watch = INITIAL_WATCH;
    let status: Status = 'good';
    const told: Array<[number, Notice]> = [];
    const decide = (minute: number) => {
      const decided = decideNotices(state, watch, status, minute * 60_000, delayMinutes * 60_000);
      state = decided.state;
      for (const n of decided.notices) told.push([minute, n]);
    };
    for (let minute = 0; minute <= until; minute++) {
      for (const [at, s] of seen) {
        if (at !== minute) continue;
        status = s;
        watch = observeStanding(watch, s, minute * 60_000);
      }
      decide(minute);
    }
    return told;
  }

  it('I6 notices: once per level per enrollment, and lifted when the student falls back', () => {
    const seen: Array<[number, Status]> = (['good', 'warning-1', 'warning-1', 'deprived', 'warning-2', 'deprived', 'good', 'warning-1'] as Status[]).map((s, i) => [i, s]);
    expect(tell(seen, 0).map(([, n]) => n)).toEqual([
      { kind: 'issued', level: 'warning-1' },
      { kind: 'issued', level: 'deprived' },
      { kind: 'lifted', from: 'deprived', to: 'warning-2' },
      { kind: 'lifted', from: 'deprived', to: 'good' },
    ]);
  });

  it('I6a a level is told only once it has held for the delay; one that falls back sooner tells nothing', () => {
    // Deprived for 59 minutes (a schedule imported before its facts), then good: nothing at all.
    expect(tell([[0, 'deprived'], [59, 'good']], 60, 200)).toEqual([]);
    // Deprived from minute 0 and staying: told exactly at minute 60, and only the deprivation.
    expect(tell([[0, 'deprived']], 60, 200)).toEqual([[60, { kind: 'issued', level: 'deprived' }]]);
  });

  it('I6a a worse level that breaks off still lets the lesser level it held through be told', () => {
    // At least warning-2 from minute 0; deprived from 30 to 50 only.
    expect(tell([[0, 'warning-2'], [30, 'deprived'], [50, 'warning-2']], 60, 200)).toEqual([[60, { kind: 'issued', level: 'warning-2' }]]);
  });

  it('I6a a fall back is told as lifted only once it has held, and only after a notice was told', () => {
    const seen: Array<[number, Status]> = [[0, 'deprived'], [100, 'good'], [130, 'deprived'], [300, 'good']];
    expect(tell(seen, 60, 400)).toEqual([
      [60, { kind: 'issued', level: 'deprived' }],
      [360, { kind: 'lifted', from: 'deprived', to: 'good' }],
    ]);
  });

  it('I6a the next moment a decision can change is when the standing will have held for the delay', () => {
    const watch = observeStanding(INITIAL_WATCH, 'warning-1', 10 * 60_000);
    expect(nextNoticeAt(INITIAL_NOTICE_STATE, watch, 60 * 60_000)).toBe(70 * 60_000);
    expect(nextNoticeAt({ issued: ['warning-1'], current: 'warning-1' }, watch, 60 * 60_000)).toBeUndefined();
  });

  it('I8 items that ended before a late enrollment are left out', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc3', 'vc4']), enrolledAt: `${DAY}03T00:00:00Z`, now: END });
    expect(e.components.virtualClass).toMatchObject({ planned: 200, absent: 0, attended: 200 });
    expect(e.items.find((i) => i.itemId === 'vc1')).toMatchObject({ counted: false });
  });

  it('I10 a waiver within the floor makes the student waived and eligible', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc1', 'vc2']), now: END, waived: true });
    expect(e.components.virtualClass!.absencePercent).toBe(50);
    expect(e.status).toBe('waived');
    expect(e.eligible).toBe(true);
    expect(e.reasons).toEqual([{ component: 'virtualClass', absencePercent: 50, limitPercent: 25 }]);
  });

  it('I10 a waiver below the floor does not lift the deprivation', () => {
    const e = evaluate({ level: 'evening-virtual', items: fourClasses, facts: attendAll(['vc1']), now: END, waived: true });
    expect(e.status).toBe('deprived');
    expect(withinWaiverFloor(e.components, resolvePolicy())).toBe(false);
  });
});

describe('§4 the outcome of one item', () => {
  const klass = vc('k', '2026-09-01T08:00:00Z', 90);
  const outcome = (facts: ReturnType<typeof join>[], now = END, policy = {}) =>
    outcomeOf(evaluate({ level: 'evening-virtual', items: [klass], facts, now, policy }), 'k');

  it('a leave before its join is ignored', () => {
    expect(outcome([leave('k', '2026-09-01T08:00:00Z'), join('k', '2026-09-01T09:00:00Z')])).toBe('absent');
    expect(outcome([leave('k', '2026-09-01T08:00:00Z'), join('k', '2026-09-01T08:30:00Z')])).toBe('late');
  });

  it('a join with no leave stays open until the end of class', () => {
    expect(outcome([join('k', '2026-09-01T08:05:00Z')])).toBe('present');
  });

  it('connected time is the union of intervals in occurrence order, not arrival order', () => {
    const facts = [leave('k', '2026-09-01T08:40:00Z'), join('k', '2026-09-01T08:20:00Z'), join('k', '2026-09-01T08:00:00Z'), leave('k', '2026-09-01T08:25:00Z')];
    // joined 08:00 (a second join while connected changes nothing), left 08:25, left again 08:40: 25 min < 45 min.
    expect(outcome(facts)).toBe('absent');
  });

  it('exactly half the class is present; one second less is absent', () => {
    expect(outcome([join('k', '2026-09-01T08:00:00Z'), leave('k', '2026-09-01T08:45:00Z')])).toBe('present');
    expect(outcome([join('k', '2026-09-01T08:00:00Z'), leave('k', '2026-09-01T08:44:59Z')])).toBe('absent');
  });

  it('time outside the class is clipped away', () => {
    expect(outcome([join('k', '2026-09-01T07:00:00Z'), leave('k', '2026-09-01T08:30:00Z')])).toBe('absent');
  });

  it('a first join more than lateAfterMinutes after the start is late, and late may not count', () => {
    expect(outcome([join('k', '2026-09-01T08:10:00Z')])).toBe('present');
    expect(outcome([join('k', '2026-09-01T08:10:01Z')])).toBe('late');
    const e = evaluate({ level: 'evening-virtual', items: [klass], facts: [join('k', '2026-09-01T08:11:00Z')], now: END, policy: { lateCountsAsPresent: false } });
    expect(e.components.virtualClass).toMatchObject({ attended: 0, absent: 90 });
  });

  it('before the class ends a no-show is pending, after it absent', () => {
    expect(outcome([], '2026-09-01T09:29:59Z')).toBe('pending');
    expect(outcome([], '2026-09-01T09:30:00Z')).toBe('absent');
  });

  it('inPerson: an unmarked student is absent when others were marked, and nobody marked is unrecorded for everyone', () => {
    const session = room('r', '2026-09-01T08:00:00Z', 60);
    const others = evaluate({ level: 'supporting', items: [session], othersMarkedIn: ['r'], now: END });
    expect(outcomeOf(others, 'r')).toBe('absent');
    const nobody = evaluate({ level: 'supporting', items: [session], excuses: [{ itemIds: ['r'] }], corrections: [{ itemId: 'r', outcome: 'present' }], now: END });
    expect(nobody.items[0]).toMatchObject({ outcome: 'unrecorded', counted: false });
    expect(nobody.components.inPerson!.planned).toBe(0);
  });

  it('inPerson: the latest mark wins', () => {
    const session = room('r', '2026-09-01T08:00:00Z', 60);
    const e = evaluate({ level: 'supporting', items: [session], facts: [mark('r', 'late', '2026-09-01T08:30:00Z'), mark('r', 'absent', '2026-09-01T08:05:00Z')], now: END });
    expect(outcomeOf(e, 'r')).toBe('late');
  });

  it('inPerson: a mark that is not attended leaves the item pending until the session ends (the instructor may change it)', () => {
    const session = room('r', '2026-09-01T08:00:00Z', 60);
    const at = (now: string, status: 'absent' | 'late' | 'present', policy = {}) =>
      evaluate({ level: 'supporting', items: [session], facts: [mark('r', status, '2026-09-01T08:05:00Z')], now, policy });
    expect(outcomeOf(at('2026-09-01T08:59:59Z', 'absent'), 'r')).toBe('pending');
    expect(at('2026-09-01T08:59:59Z', 'absent').components.inPerson).toMatchObject({ absent: 0, pending: 60 });
    expect(outcomeOf(at('2026-09-01T09:00:00Z', 'absent'), 'r')).toBe('absent');
    expect(outcomeOf(at('2026-09-01T08:59:59Z', 'late', { lateCountsAsPresent: false }), 'r')).toBe('pending');
    expect(outcomeOf(at('2026-09-01T09:00:00Z', 'late', { lateCountsAsPresent: false }), 'r')).toBe('late');
    // Attended is decided at once.
    expect(outcomeOf(at('2026-09-01T08:10:00Z', 'present'), 'r')).toBe('present');
    expect(outcomeOf(at('2026-09-01T08:10:00Z', 'late'), 'r')).toBe('late');
    const evidence = evaluate({ level: 'supporting', items: [session], facts: [mark('r', 'absent', '2026-09-01T08:05:00Z')], now: '2026-09-01T08:10:00Z' }).items[0].evidence;
    expect(evidence.map((e) => e.code)).toEqual(['marked', 'mark-open']);
  });

  it('virtualClass linked to a pulled report: a no-show waits for the report, or for reportWaitMinutes without one', () => {
    const reported = (receivedAt?: string) => ({ ...klass, report: { platform: 'teams', receivedAt: receivedAt === undefined ? undefined : at(receivedAt) } });
    const outcomeWith = (item: ReturnType<typeof reported>, now: string) => outcomeOf(evaluate({ level: 'evening-virtual', items: [item], now }), 'k');
    expect(outcomeWith(reported(), '2026-09-01T12:30:00Z')).toBe('pending');
    expect(outcomeWith(reported('2026-09-01T12:30:00Z'), '2026-09-01T12:30:00Z')).toBe('absent');
    expect(outcomeWith(reported(), '2026-09-02T09:29:59Z')).toBe('pending');
    expect(outcomeWith(reported(), '2026-09-02T09:30:00Z')).toBe('absent');
    const waiting = evaluate({ level: 'evening-virtual', items: [reported()], now: '2026-09-01T12:30:00Z' }).items[0].evidence;
    expect(waiting.map((e) => [e.code, e.values?.platform])).toEqual([['connected', undefined], ['awaiting-report', 'teams']]);
  });

  it('recordedLecture: progress or the union of watched ranges, by the due time', () => {
    const l = lecture('l', 10, '2026-09-05T00:00:00Z');
    const lectureOutcome = (facts: ReturnType<typeof view>[]) => outcomeOf(evaluate({ level: 'blended', items: [l], facts, now: END }), 'l');
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z', { progress: 0.8 })])).toBe('present');
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z', { progress: 0.79 })])).toBe('absent');
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z', { watchedRanges: [[0, 300]] }), view('l', '2026-09-04T01:00:00Z', { watchedRanges: [[200, 480]] })])).toBe('present');
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z', { watchedRanges: [[0, 300], [100, 400]] })])).toBe('absent');
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z')])).toBe('present');
    // An empty list of watched ranges watched nothing; a view that reports neither is a full watch.
    expect(lectureOutcome([view('l', '2026-09-04T00:00:00Z', { watchedRanges: [] })])).toBe('absent');
    expect(lectureOutcome([view('l', '2026-09-06T00:00:00Z')])).toBe('absent');
  });

  it('recordedLecture without dueAt is due at the end of term', () => {
    const l = lecture('l', 10);
    expect(outcomeOf(evaluate({ level: 'blended', items: [l], now: END, termEndsAt: '2026-12-20T00:00:00Z' }), 'l')).toBe('absent');
    expect(outcomeOf(evaluate({ level: 'blended', items: [l], now: END }), 'l')).toBe('pending');
    expect(outcomeOf(evaluate({ level: 'blended', items: [l], facts: [view('l', '2026-12-01T00:00:00Z')], now: END }), 'l')).toBe('present');
  });

  it('an accepted excuse wins over everything; the latest correction over the facts', () => {
    const facts = [join('k', '2026-09-01T08:00:00Z')];
    expect(outcomeOf(evaluate({ level: 'evening-virtual', items: [klass], facts, excuses: [{ itemIds: ['k'] }], corrections: [{ itemId: 'k', outcome: 'absent' }], now: END }), 'k')).toBe('excused');
    expect(outcomeOf(evaluate({ level: 'evening-virtual', items: [klass], facts, corrections: [{ itemId: 'k', outcome: 'present' }, { itemId: 'k', outcome: 'absent' }], now: END }), 'k')).toBe('absent');
  });

  it('cancelled items are excluded everywhere', () => {
    const e = evaluate({ level: 'evening-virtual', items: [{ ...klass, cancelled: true }], now: END });
    expect(e.items).toEqual([]);
    expect(e.components.virtualClass!.planned).toBe(0);
  });
});
