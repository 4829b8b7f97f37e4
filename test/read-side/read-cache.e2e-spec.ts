import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AttendanceProjection } from '../../apps/api/src/projection/attendance.projection';
import { AppHarness } from '../support/app-harness';
import { factsOf, pastSection } from '../support/past-term';

/** Ten sections of two levels, each with its own absences, so every answer differs from the next section's. */
const sections = Array.from({ length: 10 }, (_, n) =>
  pastSection(`C${n}`, n % 2 === 0 ? 'online' : 'blended', { full: [], some: [`ea${(n % 4) + 1}`], many: ['vc1', `ea${(n % 4) + 1}`, 'ea4'].slice(0, 1 + (n % 3)) }),
);

async function load(app: AppHarness): Promise<void> {
  for (const s of sections) {
    await app.put(`/api/v1/sections/${s.sectionId}`, s.section);
    for (const student of Object.keys(s.skips)) await app.put(`/api/v1/sections/${s.sectionId}/enrollments/${student}`, { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (const [itemId, body] of s.items) await app.put(`/api/v1/sections/${s.sectionId}/items/${itemId}`, body);
  }
  await app.pushFacts(sections.flatMap(factsOf));
  await app.app.get(NoticeIssuer).settled();
}

/** Everything the reads answer about a section, without the moment they were answered. */
async function answers(app: AppHarness, sectionId: string) {
  const attendance = (await app.get(`/api/v1/sections/${sectionId}/attendance`)).body;
  const eligibility = (await app.get(`/api/v1/sections/${sectionId}/eligibility`)).body;
  const asOf = (await app.get(`/api/v1/sections/${sectionId}/eligibility?asOf=2026-10-01T00:00:00Z`)).body;
  const record = (await app.get(`/api/v1/sections/${sectionId}/students/many`)).body;
  return { ...attendance, generatedAt: undefined, eligibility: { ...eligibility, asOf: undefined }, asOf, record };
}

/** About two and a half sections' facts. */
const FACTS_BUDGET = Math.round((2.5 * sections.flatMap(factsOf).length) / sections.length);

describe('a read cache of one section', () => {
  let small: AppHarness;
  let budget: AppHarness;
  let large: AppHarness;
  beforeAll(async () => {
    [small, budget, large] = await Promise.all([
      AppHarness.start('2026-11-01T00:00:00Z', { READ_CACHE_SECTIONS: '1' }),
      AppHarness.start('2026-11-01T00:00:00Z', { READ_CACHE_FACTS: String(FACTS_BUDGET) }),
      AppHarness.start('2026-11-01T00:00:00Z'),
    ]);
    for (const app of [small, budget, large]) await load(app);
  });
  afterAll(async () => {
    for (const app of [small, budget, large]) await app.close();
  });

  it('reads ten sections in turn, twice, and answers each as a cache that holds them all does', async () => {
    for (const round of [1, 2]) {
      for (const { sectionId } of sections) {
        const expected = await answers(large, sectionId);
        expect([round, sectionId, await answers(small, sectionId)]).toEqual([round, sectionId, expected]);
        expect(small.app.get(AttendanceProjection).model.sections.size).toBeLessThanOrEqual(1);
      }
    }
    // The sections differ: the comparison would catch one answered with another's state.
    const statuses = await Promise.all(sections.map(async (s) => JSON.stringify((await answers(small, s.sectionId)).students.map((r: any) => r.status))));
    expect(new Set(statuses).size).toBeGreaterThan(1);
  });

  it('holds no more facts than READ_CACHE_FACTS, and answers the same', async () => {
    const cache = budget.app.get(AttendanceProjection).model.sections;
    let most = 0;
    for (const { sectionId } of sections) {
      expect([sectionId, await answers(budget, sectionId)]).toEqual([sectionId, await answers(large, sectionId)]);
      expect(cache.size === 1 || cache.factsHeld <= FACTS_BUDGET).toBe(true);
      most = Math.max(most, cache.size);
    }
    // More than one section fits the budget, so it is the facts that bound it, not a count.
    expect(most).toBeGreaterThan(1);
  });

  it('answers the same after a restart, which reads nothing again', async () => {
    const before = await answers(small, 'C3');
    await small.restart();
    expect(small.app.get(AttendanceProjection).resumedFrom).toBeGreaterThan(0n);
    expect(await answers(small, 'C3')).toEqual(before);
  });
});
