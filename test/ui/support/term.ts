import type { AppHarness } from '../../support/app-harness';
import { afterTerm, facts, items, SECTION, sectionBody, students } from '../../support/blended-term';

/**
 * The hand-worked blended term (test/support/blended-term.ts) plus what the dashboards need:
 *  - dana, a diligent student like ali, for the student's own page;
 *  - ip5, a classroom session that is over and nobody was marked for ("attendance not taken"), for the roll call;
 *  - vc-short, a 45-minute virtual class: shown with the R8 finding, never counted;
 *  - OTHER-1, another instructor's section with another student, which nobody here may see.
 * Everything is recorded at `afterTerm`; the tests then run a day later, so "as of" afterTerm
 * + 9 h shows the term before anything the tests do.
 */
export { SECTION };
export const OTHER_SECTION = 'OTHER-1';
export const RECORDED_AT = afterTerm;
export const TESTS_RUN_AT = '2026-10-16T00:00:00Z';
export const BEFORE_TESTS = '2026-10-15T12:00';

export const STUDENTS = [...students, 'dana'];

const danaFacts = facts
  .filter((f) => f.studentId === 'ali')
  .map((f) => ({ ...f, studentId: 'dana', id: String(f.id).replace(/^ali-/, 'dana-') }));

export const extraItems: Array<[string, Record<string, unknown>]> = [
  ['ip5', { kind: 'inPerson', startsAt: '2026-10-11T10:00:00+03:00', endsAt: '2026-10-11T11:00:00+03:00', unit: 'u5', title: 'Lab session 5' }],
  ['vc-short', { kind: 'virtualClass', startsAt: '2026-10-12T08:00:00+03:00', endsAt: '2026-10-12T08:45:00+03:00', unit: 'u5', title: 'Office hour' }],
];

let lastPosition = '0';
async function ok(answer: Promise<{ status: number; text: string; body: any }>, what: string): Promise<void> {
  const { status, text, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
  if (typeof body?.position === 'string') lastPosition = body.position;
}

/**
 * The facts first, then the configuration, as an LMS that is connected before the term is set
 * up: every item arrives with its facts, so no student is told of absences they never had.
 */
export async function configureTerm(app: AppHarness): Promise<void> {
  const answer = await app.pushFacts([...facts, ...danaFacts]);
  const refused = answer.results.filter((r) => r.status === 'rejected');
  if (refused.length) throw new Error(`facts refused: ${JSON.stringify(refused.slice(0, 3))}`);
  await ok(app.put(`/api/v1/sections/${SECTION}`, sectionBody), 'section');
  for (const s of STUDENTS) await ok(app.put(`/api/v1/sections/${SECTION}/enrollments/${s}`, { enrolledAt: '2026-09-01T00:00:00+03:00' }), `enroll ${s}`);
  for (const [itemId, body] of [...items, ...extraItems]) await ok(app.put(`/api/v1/sections/${SECTION}/items/${itemId}`, body), `item ${itemId}`);
  await ok(app.put(`/api/v1/sections/${OTHER_SECTION}`, { termId: '1448-1', courseCode: 'CS999', level: 'online', instructors: ['dr-other'] }), 'other section');
  await ok(app.put(`/api/v1/sections/${OTHER_SECTION}/enrollments/zed`, { enrolledAt: '2026-09-01T00:00:00+03:00' }), 'enroll zed');
  await ok(app.put(`/api/v1/sections/${OTHER_SECTION}/items/vc1`, { kind: 'virtualClass', startsAt: '2026-09-06T08:00:00+03:00', endsAt: '2026-09-06T09:30:00+03:00' }), 'other item');
  // Read-your-writes: the read model has everything before the browser looks.
  await ok(app.get(`/api/v1/sections/${SECTION}/attendance?after=${lastPosition}`), 'caught up');
}

/** A classroom mark as an LMS or a scanner would send it. */
export const mark = (id: string, studentId: string, itemId: string, status: 'present' | 'late' | 'absent', occurredAt: string) => ({
  id,
  type: 'in-person.marked',
  occurredAt,
  sectionId: SECTION,
  studentId,
  itemId,
  status,
});

/**
 * For the notice in Arabic: a classroom-only section whose notices are told at once
 * (`noticeDelayMinutes: 0`, so no clock has to move), four sessions of 60 minutes, and one
 * student present at all of them. `missedSession` then makes her absent from one: 60 of 240
 * minutes, 25%, past the second warning (20%) and not beyond the limit (25%).
 */
export const NOTICE_SECTION = 'AR-101';
export const NOTICE_STUDENT = 'rana';
const noticeSessions = ['06', '13', '20', '27'].map((day, i): [string, { kind: string; startsAt: string; endsAt: string }] => [
  `s${i + 1}`,
  { kind: 'inPerson', startsAt: `2026-09-${day}T10:00:00+03:00`, endsAt: `2026-09-${day}T11:00:00+03:00` },
]);

export async function configureNoticeSection(app: AppHarness): Promise<void> {
  await app.pushFacts(
    noticeSessions.map(([itemId, body]) => ({ id: `${NOTICE_STUDENT}-${itemId}-mark`, type: 'in-person.marked', occurredAt: body.startsAt, sectionId: NOTICE_SECTION, studentId: NOTICE_STUDENT, itemId, status: 'present' })),
  );
  await ok(app.put(`/api/v1/sections/${NOTICE_SECTION}`, { termId: '1448-1', courseCode: 'AR101', level: 'supporting', instructors: ['dr-amal'], policy: { noticeDelayMinutes: 0 } }), 'notice section');
  await ok(app.put(`/api/v1/sections/${NOTICE_SECTION}/enrollments/${NOTICE_STUDENT}`, { enrolledAt: '2026-09-01T00:00:00+03:00' }), `enroll ${NOTICE_STUDENT}`);
  for (const [itemId, body] of noticeSessions) await ok(app.put(`/api/v1/sections/${NOTICE_SECTION}/items/${itemId}`, body), `item ${itemId}`);
  await ok(app.get(`/api/v1/sections/${NOTICE_SECTION}/attendance?after=${lastPosition}`), 'caught up');
}

/** A later mark of the second session: absent. */
export const missedSession = () => ({
  id: `${NOTICE_STUDENT}-s2-absent`,
  type: 'in-person.marked',
  occurredAt: '2026-09-13T10:40:00+03:00',
  sectionId: NOTICE_SECTION,
  studentId: NOTICE_STUDENT,
  itemId: 's2',
  status: 'absent',
});
