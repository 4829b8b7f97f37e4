import type { AppHarness } from '../../support/app-harness';

/**
 * A section of the computer science department (college of science) for the excuse requests
 * (rules R7): ten one-hour virtual classes, "Lecture 1" to "Lecture 10", under the rules'
 * defaults (limit 25%, warnings at 10% and 20%). sara missed four of them (40%, deprived), omar
 * two (20%, second warning). The service's clock stands at T0, after the term; notices of levels
 * wait for the default delay and so are never told here, only the excuses' steps.
 */
export const EXCUSE_SECTION = 'EXC-1';
export const EXCUSE_TERM = '1448-1';
export const COLLEGE = 'science';
export const DEPARTMENT = 'cs';
export const INSTRUCTOR = 'dr-lina';
export const T0 = '2026-11-01T09:00:00Z';
export const MISSES: Record<string, number> = { sara: 4, omar: 2 };

export const CLASSES = Array.from({ length: 10 }, (_, i) => {
  const day = new Date(Date.parse('2026-09-06T05:00:00Z') + i * 5 * 86_400_000);
  return { itemId: `vc${i + 1}`, title: `Lecture ${i + 1}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 3_600_000).toISOString() };
});

/** A small document that is a PDF by its content. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** Text that only claims to be a PDF, by its name and type. */
export const NOT_A_PDF = Buffer.from('Notes for the council: I was ill.\n', 'utf8');

async function ok(answer: Promise<{ status: number; text: string }>, what: string): Promise<void> {
  const { status, text } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
}

export async function configureExcuseSection(app: AppHarness): Promise<void> {
  await ok(
    app.put(`/api/v1/sections/${EXCUSE_SECTION}`, { termId: EXCUSE_TERM, courseCode: 'CS210', title: 'Data structures', level: 'online', college: COLLEGE, department: DEPARTMENT, instructors: [INSTRUCTOR] }),
    'section',
  );
  for (const c of CLASSES) await ok(app.put(`/api/v1/sections/${EXCUSE_SECTION}/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt, title: c.title }), `item ${c.itemId}`);
  const facts = [];
  for (const [studentId, misses] of Object.entries(MISSES)) {
    await ok(app.put(`/api/v1/sections/${EXCUSE_SECTION}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' }), `enroll ${studentId}`);
    for (const c of CLASSES.slice(misses)) {
      facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId: EXCUSE_SECTION, studentId, itemId: c.itemId });
      facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId: EXCUSE_SECTION, studentId, itemId: c.itemId });
    }
  }
  const { position, results } = await app.pushFacts(facts);
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length) throw new Error(`facts refused: ${JSON.stringify(refused.slice(0, 3))}`);
  // Read-your-writes: the read model has every fact before the browser looks.
  await ok(app.get(`/api/v1/sections/${EXCUSE_SECTION}/attendance?after=${position}`), 'caught up');
}

/** A request as the API takes it, with `token` (a student for themself, or staff); answers its id. */
export async function requestExcuse(app: AppHarness, token: string, studentId: string, itemIds: string[], reason: string): Promise<string> {
  const answer = await app.post(`/api/v1/sections/${EXCUSE_SECTION}/excuse-requests`, { studentId, itemIds, reason }, token);
  if (answer.status !== 201) throw new Error(`excuse request: ${answer.status} ${answer.text}`);
  await app.get(`/api/v1/excuse-requests/${answer.body.requestId}?after=${answer.body.position}`);
  return answer.body.requestId;
}
