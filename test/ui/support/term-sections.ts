import type { AppHarness } from '../../support/app-harness';

/**
 * A term of two sections, as test/lists/term-eligibility.e2e-spec.ts has them, for the registrar's
 * term lists: twenty one-hour virtual classes (each 5% of the component) under the rules' defaults
 * (limit 25%, warnings at 10% and 20%), in two colleges and departments, and a section of another
 * term whose student must never show. The service's clock stands at T0, after the term.
 */
export const TERM = '1448-1';
export const OTHER_TERM = '1447-2';
export const T0 = '2026-11-01T09:00:00Z';

/** Each section's term, college and department, and how many classes each of its students missed. */
export const SECTIONS: Record<string, { termId: string; college: string; department: string; misses: Record<string, number> }> = {
  'ENG-1': { termId: TERM, college: 'engineering', department: 'engineering-dept', misses: { 's-a': 5, 's-b': 0, 's-w': 2 } },
  'MED-1': { termId: TERM, college: 'medicine', department: 'medicine-dept', misses: { 's-c': 6, 's-d': 5 } },
  'OLD-1': { termId: OTHER_TERM, college: 'medicine', department: 'medicine-dept', misses: { 's-z': 6 } },
};

const classes = Array.from({ length: 20 }, (_, i) => {
  const day = new Date(Date.parse('2026-09-06T05:00:00Z') + i * 86_400_000);
  return { itemId: `vc${i + 1}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 3_600_000).toISOString() };
});

async function ok(answer: Promise<{ status: number; text: string }>, what: string): Promise<void> {
  const { status, text } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
}

export async function configureTermSections(app: AppHarness): Promise<void> {
  const facts = [];
  for (const [sectionId, { termId, college, department, misses }] of Object.entries(SECTIONS)) {
    await ok(app.put(`/api/v1/sections/${sectionId}`, { termId, courseCode: sectionId.slice(0, 3), level: 'online', college, department }), `section ${sectionId}`);
    for (const c of classes) await ok(app.put(`/api/v1/sections/${sectionId}/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt }), `item ${c.itemId}`);
    for (const [studentId, missed] of Object.entries(misses)) {
      await ok(app.put(`/api/v1/sections/${sectionId}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' }), `enroll ${studentId}`);
      for (const c of classes.slice(missed)) {
        facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId, studentId, itemId: c.itemId });
        facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId, studentId, itemId: c.itemId });
      }
    }
  }
  const { position, results } = await app.pushFacts(facts);
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length) throw new Error(`facts refused: ${JSON.stringify(refused.slice(0, 3))}`);
  // Read-your-writes: the read model has every fact before the browser looks.
  await ok(app.get(`/api/v1/sections/ENG-1/attendance?after=${position}`), 'caught up');
}
