import type { AppHarness } from '../../support/app-harness';

/**
 * The hand-worked section of test/policies/policies.e2e-spec.ts, for the policies page: twenty
 * one-hour virtual classes (each 5% of the component) and four students who miss 2 (10%,
 * warning-1), 5 (25%, warning-2), 6 (30%, deprived) and none (good) of them, under the rules'
 * defaults (limit 25%, warnings at 10% and 20%). The service's clock stands at T0, after the term.
 */
export const POLICY_SECTION = 'PL-1';
export const POLICY_TERM = '1448-1';
export const T0 = '2026-11-01T09:00:00Z';
/** T0 on the wall clock of Asia/Riyadh (+03:00), as a datetime-local input takes it. */
export const T0_IN_RIYADH = '2026-11-01T12:00';

const classes = Array.from({ length: 20 }, (_, i) => {
  const day = new Date(Date.parse('2026-09-06T05:00:00Z') + i * 86_400_000);
  return { itemId: `vc${i + 1}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 3_600_000).toISOString() };
});
export const MISSES: Record<string, number> = { 's-ten': 2, 's-quarter': 5, 's-thirty': 6, 's-none': 0 };
export const STATUSES_BEFORE = { 's-ten': 'warning-1', 's-quarter': 'warning-2', 's-thirty': 'deprived', 's-none': 'good' };

async function ok(answer: Promise<{ status: number; text: string }>, what: string): Promise<void> {
  const { status, text } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
}

export async function configurePolicySection(app: AppHarness): Promise<void> {
  await ok(app.put(`/api/v1/sections/${POLICY_SECTION}`, { termId: POLICY_TERM, courseCode: 'PL', level: 'online', college: 'engineering' }), 'section');
  for (const c of classes) await ok(app.put(`/api/v1/sections/${POLICY_SECTION}/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt }), `item ${c.itemId}`);
  const facts = [];
  for (const [studentId, misses] of Object.entries(MISSES)) {
    await ok(app.put(`/api/v1/sections/${POLICY_SECTION}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' }), `enroll ${studentId}`);
    for (const c of classes.slice(misses)) {
      facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId: POLICY_SECTION, studentId, itemId: c.itemId });
      facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId: POLICY_SECTION, studentId, itemId: c.itemId });
    }
  }
  const { position, results } = await app.pushFacts(facts);
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length) throw new Error(`facts refused: ${JSON.stringify(refused.slice(0, 3))}`);
  // Read-your-writes: the read model has every fact before the browser looks.
  await ok(app.get(`/api/v1/sections/${POLICY_SECTION}/attendance?after=${position}`), 'caught up');
}

/** Each student's status now, as the API answers it. */
export async function statusesNow(app: AppHarness): Promise<Record<string, string>> {
  const { body } = await app.get(`/api/v1/sections/${POLICY_SECTION}/eligibility`);
  return Object.fromEntries(body.students.map((s: { studentId: string; status: string }) => [s.studentId, s.status]));
}
