import { AppHarness } from '../support/app-harness';

/**
 * Institution policies in versions, answers true to their time, and what-if — on a hand-worked
 * section: twenty one-hour virtual classes (each 5% of the component) and four students who miss
 * 2 (10%), 5 (25%), 6 (30%) and none of them.
 */

const SECTION = 'PL-1';
const T0 = Date.parse('2026-11-01T09:00:00Z');
const hoursAfter = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const classes = Array.from({ length: 20 }, (_, i) => {
  const day = new Date(Date.parse('2026-09-06T05:00:00Z') + i * 86_400_000);
  return { itemId: `vc${i + 1}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 3_600_000).toISOString() };
});
const MISSES: Record<string, number> = { 's-ten': 2, 's-quarter': 5, 's-thirty': 6, 's-none': 0 };

describe('policies the university sets, changes and tries', () => {
  let app: AppHarness;
  const statuses = async (query = '') => {
    const { body } = await app.get(`/api/v1/sections/${SECTION}/eligibility${query}`);
    return { statuses: Object.fromEntries(body.students.map((s: { studentId: string; status: string }) => [s.studentId, s.status])), policy: body.policy };
  };
  const setPolicy = async (scope: string, body: Record<string, unknown>) => {
    const answer = await app.put(`/api/v1/policies/${scope}`, body);
    expect(answer.status).toBe(200);
    await app.get(`/api/v1/policies?after=${answer.body.position}`);
    return answer.body;
  };

  beforeAll(async () => {
    app = await AppHarness.start(hoursAfter(0));
    await app.put(`/api/v1/sections/${SECTION}`, { termId: '1448-1', courseCode: 'PL', level: 'online', college: 'engineering' });
    for (const c of classes) await app.put(`/api/v1/sections/${SECTION}/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt });
    const facts = [];
    for (const [studentId, misses] of Object.entries(MISSES)) {
      await app.put(`/api/v1/sections/${SECTION}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' });
      for (const c of classes.slice(misses)) {
        facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId: SECTION, studentId, itemId: c.itemId });
        facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId: SECTION, studentId, itemId: c.itemId });
      }
    }
    await app.pushFacts(facts);
  });
  afterAll(() => app.close());

  const BEFORE = { 's-ten': 'warning-1', 's-quarter': 'warning-2', 's-thirty': 'deprived', 's-none': 'good' };

  it('answers under the rules\' defaults while no version is set, and says so', async () => {
    expect(await statuses()).toEqual({ statuses: BEFORE, policy: { versions: [], sectionOverrides: false } });
  });

  it('what-if: a 20% limit would deprive the student at 25%, and nobody else would change; the policy in force changes nothing; nothing is written', async () => {
    const moveTo20 = await app.post('/api/v1/what-if', { scope: 'term:1448-1', policy: { thresholdPercent: 80 } });
    expect(moveTo20.status).toBe(201);
    expect(moveTo20.body).toMatchObject({
      scope: 'term:1448-1',
      sections: 1,
      enrollments: 4,
      counts: { before: { good: 1, 'warning-1': 1, 'warning-2': 1, deprived: 1, waived: 0 }, after: { good: 1, 'warning-1': 1, 'warning-2': 0, deprived: 2, waived: 0 } },
      changes: [{ sectionId: SECTION, studentId: 's-quarter', from: 'warning-2', to: 'deprived', components: { virtualClass: { before: { absencePercent: 25, limitPercent: 25 }, after: { absencePercent: 25, limitPercent: 20 } } } }],
    });
    const same = await app.post('/api/v1/what-if', { scope: `section:${SECTION}`, policy: { thresholdPercent: 75 } });
    expect(same.body.changes).toEqual([]);
    expect(same.body.counts.after).toEqual(same.body.counts.before);
    const csv = await app.request('POST', '/api/v1/what-if', { body: { scope: 'institution', policy: { thresholdPercent: 80 } }, headers: { accept: 'text/csv' } });
    expect(csv.text).toBe('sectionId,studentId,from,to,component,absencePercentBefore,limitPercentBefore,absencePercentAfter,limitPercentAfter\nPL-1,s-quarter,warning-2,deprived,virtualClass,25,25,25,20\n');
    expect((await statuses()).statuses).toEqual(BEFORE);
  });

  it('what-if streams its progress, then the result, as Server-Sent Events', async () => {
    const { text } = await app.request('POST', '/api/v1/what-if', { body: { scope: 'college:engineering', policy: { thresholdPercent: 80 } }, headers: { accept: 'text/event-stream' } });
    const events = text.trim().split('\n\n').map((block) => ({ event: /^event: (.*)$/m.exec(block)![1], data: JSON.parse(/^data: (.*)$/m.exec(block)![1]) }));
    expect(events.map((e) => e.event)).toEqual(['progress', 'result']);
    expect(events[0].data).toEqual({ sectionsDone: 1, sectionsTotal: 1, enrollmentsDone: 4 });
    expect(events[1].data.changes).toHaveLength(1);
  });

  it('a new version counts from when it was recorded: live answers change, answers as of earlier stay as they were', async () => {
    app.setTime(hoursAfter(2));
    const version = await setPolicy('institution', { policy: { thresholdPercent: 80 }, effectiveFrom: hoursAfter(-48), reason: 'Council decision 12/1448: a 20% limit' });
    expect(version).toMatchObject({ scope: 'institution', version: 1, retroactive: false, by: { role: 'admin' } });
    expect(await statuses()).toEqual({ statuses: { ...BEFORE, 's-quarter': 'deprived' }, policy: { versions: [{ scope: 'institution', version: 1, retroactive: false }], sectionOverrides: false } });
    // An hour before it was recorded (though it says effective two days before): as it was.
    expect(await statuses(`?asOf=${encodeURIComponent(hoursAfter(1))}`)).toEqual({ statuses: BEFORE, policy: { versions: [], sectionOverrides: false } });
  });

  it('a retroactive version changes answers as of the dates it covers, and says so; the most specific scope wins, the section\'s own overrides over all', async () => {
    app.setTime(hoursAfter(3));
    await setPolicy('term:1448-1', { policy: { thresholdPercent: 70 }, effectiveFrom: hoursAfter(-48), retroactive: true, reason: 'Correction: the term keeps a 30% limit' });
    const asOfEarlier = await statuses(`?asOf=${encodeURIComponent(hoursAfter(1))}`);
    expect(asOfEarlier).toEqual({ statuses: { ...BEFORE, 's-thirty': 'warning-2' }, policy: { versions: [{ scope: 'term:1448-1', version: 2, retroactive: true }], sectionOverrides: false } });
    // Live: the term's 70 over the institution's 80.
    expect((await statuses()).statuses).toEqual({ ...BEFORE, 's-thirty': 'warning-2' });
    const { body } = await app.get(`/api/v1/sections/${SECTION}/policy`);
    expect(body).toMatchObject({ policy: { thresholdPercent: 70 }, versions: [{ scope: 'institution', version: 1 }, { scope: 'term:1448-1', version: 2, retroactive: true }] });
    const list = await app.get('/api/v1/policies');
    expect(list.body.versions.map((v: { version: number; retroactive: boolean; inForce: boolean; reason: string }) => [v.version, v.retroactive, v.inForce, v.reason])).toEqual([
      [1, false, true, 'Council decision 12/1448: a 20% limit'],
      [2, true, true, 'Correction: the term keeps a 30% limit'],
    ]);
  });

  it('refuses a scope, a setting or a role that cannot set a policy, naming what is wrong, and changes nothing', async () => {
    const before = (await app.get('/api/v1/policies')).body.versions.length;
    expect((await app.put('/api/v1/policies/planet:mars', { policy: {}, effectiveFrom: hoursAfter(3), reason: 'x' })).body.message).toContain('scope');
    expect((await app.put('/api/v1/policies/institution', { policy: { thresholdPercent: 140 }, effectiveFrom: hoursAfter(3), reason: 'x' })).body.message).toContain('policy.thresholdPercent');
    expect((await app.put('/api/v1/policies/institution', { policy: {}, effectiveFrom: 'soon', reason: 'x' })).body.message).toContain('effectiveFrom');
    const faculty = await app.token('faculty', 'dr-x');
    expect((await app.request('PUT', '/api/v1/policies/institution', { token: faculty, body: { policy: {}, effectiveFrom: hoursAfter(3), reason: 'x' } })).status).toBe(403);
    expect((await app.post('/api/v1/what-if', { scope: 'section:nowhere', policy: {} })).status).toBe(404);
    expect((await app.get('/api/v1/policies')).body.versions.length).toBe(before);
  });
});
