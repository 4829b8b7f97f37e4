import type { AppHarness } from './app-harness';

/**
 * A hand-worked term for the contact-hours report (NR Art. 8.4), the clock at 1 October 12:00 UTC.
 *
 * CH-1 (distance programme, engineering / civil), taught by dr-h and dr-k:
 *   vc1 u1 90 min  dr-h connected 07:55–09:30 (clipped to the class: 90)    held
 *   vc2 u1 90 min  dr-k connected 08:10–08:50 and 09:00–09:30                held
 *   vc3 u2 90 min  only a leave of dr-h, no join                              not held
 *   vc4 u2 60 min  cancelled                                                  cancelled
 *   vc5 u2 45 min  dr-h joined at 08:05 and never left                        held, short (R8)
 *   vc6 u2 60 min  on 4 October                                               pending
 *   rl1 u1 30 min published, rl2 cancelled, rl3 available from 10 October; ea1, ea2 set; ip1 u1 120 min classroom.
 *   Planned 5 classes 375 min (6.25 h); held 3, 225 min (3.75 h); not held 1, 90; pending 1, 60;
 *   cancelled 1, 60; short 1. Units u1 and u2 are both planned with a class, but only u1 has a
 *   held class long enough to count: 1 of 2 taught synchronously, 50%.
 *   amal: vc1 90 + vc2 80 + vc5 45 = 215 min (her 90 min in vc3, which nobody taught, are no contact); ip1 present.
 *   badr: vc1 from 08:20:30 to the end (69 min 30 s) + vc5 08:15–08:45 (30) = 99 min 30 s; ip1 late (counts as present).
 *   chen: no class; ip1 marked present, then absent.
 *   dan: joined vc1, then dropped: not in the report.
 * CH-2 (online, science / physics), taught by dr-h: w1 (A) held, w2 (B) not held, 60 min each; eve connected in both (only w1 counts: 60 min).
 * OTHER-1 is of another term.
 */
export const TERM = '1448-1';
export const NOW = '2026-10-01T12:00:00Z';

const vc = (start: string, minutes: number, unit: string, title?: string) => ({ kind: 'virtualClass', startsAt: start, endsAt: new Date(Date.parse(start) + minutes * 60_000).toISOString(), unit, title });

export const CH1_ITEMS: Array<[string, Record<string, unknown>]> = [
  ['vc1', vc('2026-09-06T08:00:00.000Z', 90, 'u1', 'Unit 1, first class')],
  ['vc2', vc('2026-09-13T08:00:00.000Z', 90, 'u1', 'Unit 1, second class')],
  ['vc3', vc('2026-09-20T08:00:00.000Z', 90, 'u2', 'Unit 2, first class')],
  ['vc4', vc('2026-09-22T08:00:00.000Z', 60, 'u2', 'Unit 2, extra class')],
  ['vc5', vc('2026-09-27T08:00:00.000Z', 45, 'u2', 'Unit 2, office hour')],
  ['vc6', vc('2026-10-04T08:00:00.000Z', 60, 'u2', 'Unit 2, last class')],
  ['rl1', { kind: 'recordedLecture', durationMinutes: 30, unit: 'u1' }],
  ['rl2', { kind: 'recordedLecture', durationMinutes: 25, unit: 'u2' }],
  ['rl3', { kind: 'recordedLecture', durationMinutes: 20, startsAt: '2026-10-10T00:00:00Z' }],
  ['ea1', { kind: 'eActivity', dueAt: '2026-09-10T00:00:00Z', unit: 'u1' }],
  ['ea2', { kind: 'eActivity', dueAt: '2026-09-30T00:00:00Z', unit: 'u2' }],
  ['ip1', { kind: 'inPerson', startsAt: '2026-09-08T08:00:00Z', endsAt: '2026-09-08T10:00:00Z', unit: 'u1' }],
];

let counter = 0;
const fact = (sectionId: string, studentId: string, type: string, itemId: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  id: `ch-${++counter}`,
  type,
  occurredAt,
  sectionId,
  studentId,
  itemId,
  ...extra,
});
const joined = (s: string, who: string, item: string, at: string) => fact(s, who, 'virtual-class.joined', item, at);
const left = (s: string, who: string, item: string, at: string) => fact(s, who, 'virtual-class.left', item, at);

/** dr-h's joins, recorded by the LMS integration with the instructor as `studentId`. */
const drH = [
  joined('CH-1', 'dr-h', 'vc1', '2026-09-06T07:55:00Z'),
  left('CH-1', 'dr-h', 'vc1', '2026-09-06T09:30:00Z'),
  left('CH-1', 'dr-h', 'vc3', '2026-09-20T08:30:00Z'),
  joined('CH-1', 'dr-h', 'vc5', '2026-09-27T08:05:00Z'),
  joined('CH-2', 'dr-h', 'w1', '2026-09-07T08:00:00Z'),
  left('CH-2', 'dr-h', 'w1', '2026-09-07T09:00:00Z'),
];
/** dr-k's own joins, which dr-k sends with a faculty token. */
export const DR_K_FACTS = [
  joined('CH-1', 'dr-k', 'vc2', '2026-09-13T08:10:00Z'),
  left('CH-1', 'dr-k', 'vc2', '2026-09-13T08:50:00Z'),
  joined('CH-1', 'dr-k', 'vc2', '2026-09-13T09:00:00Z'),
  left('CH-1', 'dr-k', 'vc2', '2026-09-13T09:30:00Z'),
];
const students = [
  joined('CH-1', 'amal', 'vc1', '2026-09-06T08:00:00Z'),
  left('CH-1', 'amal', 'vc1', '2026-09-06T09:30:00Z'),
  joined('CH-1', 'amal', 'vc2', '2026-09-13T08:00:00Z'),
  left('CH-1', 'amal', 'vc2', '2026-09-13T08:30:00Z'),
  joined('CH-1', 'amal', 'vc2', '2026-09-13T08:40:00Z'),
  left('CH-1', 'amal', 'vc2', '2026-09-13T09:30:00Z'),
  joined('CH-1', 'amal', 'vc3', '2026-09-20T08:00:00Z'),
  left('CH-1', 'amal', 'vc3', '2026-09-20T09:30:00Z'),
  joined('CH-1', 'amal', 'vc5', '2026-09-27T08:00:00Z'),
  left('CH-1', 'amal', 'vc5', '2026-09-27T08:45:00Z'),
  fact('CH-1', 'amal', 'in-person.marked', 'ip1', '2026-09-08T08:05:00Z', { status: 'present' }),
  joined('CH-1', 'badr', 'vc1', '2026-09-06T08:20:30Z'),
  joined('CH-1', 'badr', 'vc5', '2026-09-27T08:15:00Z'),
  joined('CH-1', 'badr', 'vc5', '2026-09-27T08:20:00Z'),
  left('CH-1', 'badr', 'vc5', '2026-09-27T08:45:00Z'),
  fact('CH-1', 'badr', 'in-person.marked', 'ip1', '2026-09-08T08:20:00Z', { status: 'late' }),
  fact('CH-1', 'chen', 'in-person.marked', 'ip1', '2026-09-08T08:05:00Z', { status: 'present' }),
  fact('CH-1', 'chen', 'in-person.marked', 'ip1', '2026-09-08T09:00:00Z', { status: 'absent' }),
  joined('CH-1', 'dan', 'vc1', '2026-09-06T08:00:00Z'),
  joined('CH-2', 'eve', 'w1', '2026-09-07T08:00:00Z'),
  left('CH-2', 'eve', 'w1', '2026-09-07T09:00:00Z'),
  joined('CH-2', 'eve', 'w2', '2026-09-14T08:00:00Z'),
  left('CH-2', 'eve', 'w2', '2026-09-14T09:00:00Z'),
];

async function ok(answer: Promise<{ status: number; text: string; body: any }>, what: string): Promise<any> {
  const { status, text, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
  return body;
}

export async function configureContactHoursTerm(app: AppHarness): Promise<void> {
  await ok(app.put('/api/v1/sections/CH-1', { termId: TERM, courseCode: 'CH101', title: 'Structures at a distance', level: 'distance-program', college: 'engineering', department: 'civil', instructors: ['dr-h', 'dr-k'] }), 'CH-1');
  await ok(app.put('/api/v1/sections/CH-2', { termId: TERM, courseCode: 'CH102', level: 'online', college: 'science', department: 'physics', instructors: ['dr-h'] }), 'CH-2');
  await ok(app.put('/api/v1/sections/OTHER-1', { termId: '1447-2', courseCode: 'OT1', level: 'online', instructors: ['dr-h'] }), 'OTHER-1');
  for (const [itemId, body] of CH1_ITEMS) await ok(app.put(`/api/v1/sections/CH-1/items/${itemId}`, body), `item ${itemId}`);
  for (const [itemId, body] of [['w1', vc('2026-09-07T08:00:00.000Z', 60, 'A')], ['w2', vc('2026-09-14T08:00:00.000Z', 60, 'B')], ['wa', { kind: 'eActivity', dueAt: '2026-09-20T00:00:00Z', unit: 'A' }]] as const) {
    await ok(app.put(`/api/v1/sections/CH-2/items/${itemId}`, body), `item ${itemId}`);
  }
  await ok(app.request('DELETE', '/api/v1/sections/CH-1/items/vc4'), 'cancel vc4');
  await ok(app.request('DELETE', '/api/v1/sections/CH-1/items/rl2'), 'cancel rl2');
  for (const s of ['amal', 'badr', 'chen', 'dan']) await ok(app.put(`/api/v1/sections/CH-1/enrollments/${s}`, { enrolledAt: '2026-09-01T00:00:00Z' }), `enroll ${s}`);
  await ok(app.put('/api/v1/sections/CH-2/enrollments/eve', { enrolledAt: '2026-09-01T00:00:00Z' }), 'enroll eve');
  await ok(app.request('DELETE', '/api/v1/sections/CH-1/enrollments/dan'), 'drop dan');
  const pushed = [await app.pushFacts([...drH, ...students]), await app.pushFacts(DR_K_FACTS, await app.token('faculty', 'dr-k'))];
  const refused = pushed.flatMap((p) => p.results).filter((r) => r.status !== 'accepted');
  if (refused.length) throw new Error(`facts refused: ${JSON.stringify(refused.slice(0, 3))}`);
}
