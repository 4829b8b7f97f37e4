import { AppHarness } from './support/app-harness';

const fact = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'virtual-class.joined',
  occurredAt: '2026-09-06T08:00:00+03:00',
  sectionId: 'S1',
  studentId: 'st1',
  itemId: 'vc1',
  ...extra,
});

describe('the write side over HTTP', () => {
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await AppHarness.start('2026-09-01T00:00:00Z');
    for (const [name, role, subject] of [
      ['integration', 'integration', 'moodle'],
      ['registrar', 'registrar', 'reg-1'],
      ['huda', 'faculty', 'dr-huda'],
      ['omar', 'faculty', 'dr-omar'],
      ['st1', 'student', 'st1'],
      ['st2', 'student', 'st2'],
    ]) {
      tokens[name] = await app.token(role, subject);
    }
    await app.put('/api/v1/sections/S1', { termId: 'T', courseCode: 'C', level: 'evening-virtual', instructors: ['dr-huda'] }, tokens.integration);
    await app.put('/api/v1/sections/S1/enrollments/st1', {}, tokens.integration);
    await app.put('/api/v1/sections/S1/enrollments/st2', {}, tokens.integration);
    await app.put('/api/v1/sections/S1/items/vc1', { kind: 'virtualClass', startsAt: '2026-09-06T08:00:00+03:00', endsAt: '2026-09-06T09:30:00+03:00' }, tokens.integration);
  });
  afterAll(() => app.close());

  describe('authentication and roles', () => {
    it('answers health to anyone and everything else only with a valid token', async () => {
      expect((await app.get('/health', null)).body).toMatchObject({ status: 'ok', store: 'sqlite', ready: true });
      expect((await app.get('/api/v1/sections/S1/attendance', null)).status).toBe(401);
      expect((await app.get('/api/v1/sections/S1/attendance', 'not-a-token')).status).toBe(401);
      const refused = await app.get('/api/v1/sections/S1/attendance', null);
      expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Bearer') });
    });

    it('lists an instructor their own sections, and every section to a registrar', async () => {
      expect((await app.get('/api/v1/sections', tokens.huda)).body.sections.map((s: any) => s.sectionId)).toEqual(['S1']);
      expect((await app.get('/api/v1/sections', tokens.omar)).body.sections).toEqual([]);
      expect((await app.get('/api/v1/sections', tokens.registrar)).body.sections[0]).toMatchObject({ sectionId: 'S1', level: 'evening-virtual', students: 2, finalized: false });
      expect((await app.get('/api/v1/sections', tokens.st1)).status).toBe(403);
    });

    it('tells a token who it is', async () => {
      expect((await app.get('/api/v1/me', tokens.huda)).body).toEqual({ role: 'faculty', subject: 'dr-huda' });
      expect((await app.get('/api/v1/me', null)).status).toBe(401);
    });

    it('lets only an admin issue tokens', async () => {
      expect((await app.post('/api/v1/tokens', { role: 'admin', subject: 'x' }, tokens.registrar)).status).toBe(403);
      const bad = await app.post('/api/v1/tokens', { role: 'dean', subject: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('role');
    });

    it('keeps students to their own records and faculty to their own sections', async () => {
      expect((await app.get('/api/v1/sections/S1/students/st1', tokens.st1)).status).toBe(200);
      expect((await app.get('/api/v1/sections/S1/students/st2', tokens.st1)).status).toBe(403);
      expect((await app.get('/api/v1/students/st2/attendance', tokens.st1)).status).toBe(403);
      expect((await app.get('/api/v1/students/st1/attendance', tokens.st1)).body.sections).toHaveLength(1);
      expect((await app.get('/api/v1/sections/S1/attendance', tokens.st1)).status).toBe(403);
      expect((await app.get('/api/v1/sections/S1/attendance', tokens.huda)).status).toBe(200);
      expect((await app.get('/api/v1/sections/S1/attendance', tokens.omar)).status).toBe(403);
      expect((await app.get('/api/v1/sections/S1/students/st1', tokens.omar)).status).toBe(403);
      expect((await app.get('/api/v1/sections/S1/eligibility', tokens.registrar)).status).toBe(200);
      expect((await app.get('/api/v1/sections/S1/attendance', tokens.integration)).status).toBe(403);
    });

    it('lets only integrations and admins configure, and only registrars and admins waive and finalize', async () => {
      expect((await app.put('/api/v1/sections/S2', { termId: 'T', courseCode: 'C', level: 'online' }, tokens.huda)).status).toBe(403);
      expect((await app.post('/api/v1/sections/S1/eligibility/finalize', {}, tokens.huda)).status).toBe(403);
      expect((await app.post('/api/v1/sections/S1/waivers', { studentId: 'st1', decidedBy: 'x', reason: 'y' }, tokens.integration)).status).toBe(403);
      expect((await app.post('/api/v1/sections/S1/corrections', { studentId: 'st1', itemId: 'vc1', outcome: 'present', reason: 'log' }, tokens.omar)).status).toBe(403);
      expect((await app.post('/api/v1/sections/S1/corrections', { studentId: 'st1', itemId: 'vc1', outcome: 'present', reason: 'log' }, tokens.huda)).status).toBe(201);
    });

    it('audits every read of one student record: who, what, when', async () => {
      await app.get('/api/v1/sections/S1/students/st2', tokens.huda);
      const { body } = await app.get('/api/v1/audit/students/st2');
      expect(body.reads[0]).toEqual({ studentId: 'st2', by: { role: 'faculty', subject: 'dr-huda' }, what: 'GET /sections/S1/students/st2', at: '2026-09-01T00:00:00.000Z' });
      expect((await app.get('/api/v1/audit/students/st2', tokens.registrar)).status).toBe(403);
    });
  });

  describe('validation', () => {
    // Facts dated in the first week of term are pushed once that week has passed.
    beforeAll(() => app.setTime('2026-09-30T00:00:00Z'));
    afterAll(() => app.setTime('2026-09-01T00:00:00Z'));

    it('names the field of bad configuration and changes nothing', async () => {
      const cases: Array<[string, unknown, string]> = [
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C' }, 'level'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'hybrid' }, 'level'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'blended' }, 'inPersonSharePercent'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'online', color: 'red' }, 'color'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'online', policy: { thresholdPercent: 300 } }, 'policy.thresholdPercent'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'online', policy: { strict: true } }, 'policy.strict'],
        ['/api/v1/sections/S9', { termId: 'T', courseCode: 'C', level: 'online', timezone: 'Mars/Olympus' }, 'timezone'],
        ['/api/v1/sections/S1/items/x', { kind: 'virtualClass', startsAt: '2026-09-06T09:00:00+03:00', endsAt: '2026-09-06T08:00:00+03:00' }, 'endsAt'],
        ['/api/v1/sections/S1/items/x', { kind: 'eActivity' }, 'dueAt'],
        ['/api/v1/sections/S1/items/x', { kind: 'recordedLecture', dueAt: '2026-09-06T09:00:00+03:00' }, 'durationMinutes'],
        ['/api/v1/sections/S1/items/x', { kind: 'eActivity', dueAt: '2026-09-06 09:00' }, 'dueAt'],
        ['/api/v1/sections/S1/items/x', { kind: 'eActivity', dueAt: '2026-09-06T09:00:00Z', links: { zoom: 5 } }, 'links.zoom'],
      ];
      for (const [path, body, field] of cases) {
        const answer = await app.put(path, body);
        expect([answer.status, answer.body.error]).toEqual([400, 'Bad Request']);
        expect(answer.body.message).toContain(field);
      }
      expect((await app.get('/api/v1/sections/S9/attendance')).status).toBe(404);
      expect((await app.get('/api/v1/sections/S1/students/st1')).body.items.map((i: any) => i.itemId)).toEqual(['vc1']);
    });

    it('answers 404 for unknown sections, students and items', async () => {
      expect((await app.put('/api/v1/sections/NOPE/enrollments/st1', {})).status).toBe(404);
      expect((await app.put('/api/v1/sections/NOPE/items/i', { kind: 'eActivity', dueAt: '2026-09-06T09:00:00Z' })).status).toBe(404);
      expect((await app.delete('/api/v1/sections/S1/enrollments/ghost')).status).toBe(404);
      expect((await app.delete('/api/v1/sections/S1/items/ghost')).status).toBe(404);
      expect((await app.post('/api/v1/sections/S1/excuses', { studentId: 'st1', itemIds: ['ghost'], reason: 'r', decidedBy: 'd' })).status).toBe(404);
      expect((await app.post('/api/v1/sections/S1/corrections', { studentId: 'ghost', itemId: 'vc1', outcome: 'present', reason: 'r' })).status).toBe(404);
      expect((await app.get('/api/v1/sections/S1/students/ghost')).status).toBe(404);
    });

    it('rejects a bad fact alone, naming its field, and keeps the good ones', async () => {
      const { results } = await app.pushFacts([
        fact('good-1'),
        fact('bad-type', { type: 'virtual-class.teleported' }),
        fact('bad-time', { occurredAt: 'yesterday' }),
        fact('bad-extra', { grade: 'A' }),
        fact('bad-status', { type: 'in-person.marked', status: 'asleep' }),
        fact('bad-progress', { type: 'recorded-lecture.viewed', progress: 1.5 }),
        fact('bad-ranges', { type: 'recorded-lecture.viewed', watchedRanges: [[30, 10]] }),
        fact('no-item', { itemId: undefined }),
        fact('status-on-join', { status: 'present' }),
        { ...fact('access'), type: 'course.accessed', itemId: undefined },
      ]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
      expect(results.map((r) => r.error ?? '')).toEqual([
        '',
        expect.stringContaining('events[1].type'),
        expect.stringContaining('events[2].occurredAt'),
        expect.stringContaining('events[3].grade'),
        expect.stringContaining('events[4].status'),
        expect.stringContaining('events[5].progress'),
        expect.stringContaining('events[6].watchedRanges'),
        expect.stringContaining('events[7].itemId'),
        expect.stringContaining('events[8].status'),
        '',
      ]);
    });

    it('rejects a fact that is not an object, saying which', async () => {
      const { results } = await app.pushFacts([null, 5]);
      expect(results).toEqual([
        { id: '#0', status: 'rejected', error: 'events[0] must be a JSON object' },
        { id: '#1', status: 'rejected', error: 'events[1] must be a JSON object' },
      ]);
    });

    it('refuses a body that is not a batch of facts', async () => {
      expect((await app.post('/api/v1/events', { facts: [] })).status).toBe(400);
      expect((await app.post('/api/v1/events', [fact('x')])).status).toBe(400);
      const raw = await app.request('POST', '/api/v1/events', { headers: { 'content-type': 'application/json' }, body: undefined });
      expect(raw.status).toBe(400);
    });

    it('refuses a batch of 1001 facts with 413 and stores none of them', async () => {
      const batch = Array.from({ length: 1001 }, (_, i) => fact(`big-${i}`));
      const answer = await app.post('/api/v1/events', { events: batch });
      expect(answer.status).toBe(413);
      expect(answer.body.message).toContain('1000');
      const { results } = await app.pushFacts(batch.slice(0, 1000));
      expect(results.every((r) => r.status === 'accepted')).toBe(true);
    });
  });

  describe('facts', () => {
    beforeAll(() => app.setTime('2026-09-30T00:00:00Z'));
    afterAll(() => app.setTime('2026-09-01T00:00:00Z'));

    it('stores a fact once: the same id again is a duplicate, in one batch or later', async () => {
      const first = await app.pushFacts([fact('dup-1'), fact('dup-1')]);
      expect(first.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
      const again = await app.pushFacts([fact('dup-1', { occurredAt: '2026-09-06T09:00:00+03:00' })]);
      expect(again.results).toEqual([{ id: 'dup-1', status: 'duplicate' }]);
    });

    it('keeps facts for a section, item or student not configured yet and counts them once configured', async () => {
      const early = await app.pushFacts([
        { id: 'early-1', type: 'e-activity.submitted', occurredAt: '2026-09-10T10:00:00+03:00', sectionId: 'LATE', studentId: 'st9', itemId: 'ea1' },
      ]);
      expect(early.results[0].status).toBe('accepted');
      await app.put('/api/v1/sections/LATE', { termId: 'T', courseCode: 'C', level: 'online' });
      await app.put('/api/v1/sections/LATE/enrollments/st9', { enrolledAt: '2026-09-01T00:00:00+03:00' });
      const item = await app.put('/api/v1/sections/LATE/items/ea1', { kind: 'eActivity', dueAt: '2026-09-11T00:00:00+03:00' });
      const { body } = await app.get(`/api/v1/sections/LATE/students/st9?after=${item.body.position}`);
      expect(body.items[0]).toMatchObject({ itemId: 'ea1', outcome: 'present' });
      expect(body.components.eActivity).toMatchObject({ planned: 1, attended: 1 });
    });

    it('keeps every acknowledged fact across a restart in the middle of a run', async () => {
      const before = Array.from({ length: 200 }, (_, i) => ({ ...fact(`run-${i}`), type: 'course.accessed', itemId: undefined, occurredAt: `2026-09-${String(6 + (i % 20)).padStart(2, '0')}T10:00:00+03:00` }));
      const first = await app.pushFacts(before.slice(0, 120));
      await app.restart();
      const second = await app.pushFacts(before);
      expect(first.results.every((r) => r.status === 'accepted')).toBe(true);
      expect(second.results.map((r) => r.status)).toEqual([...Array(120).fill('duplicate'), ...Array(80).fill('accepted')]);
      const { body } = await app.get(`/api/v1/sections/S1/students/st1?after=${second.position}`);
      expect(body.logins.reduce((n: number, w: any) => n + w.days, 0)).toBe(20);
    });
  });

  describe('configuration changes', () => {
    it('drops a student from the lists and enrolls them again', async () => {
      await app.put('/api/v1/sections/S1/enrollments/st3', {});
      const dropped = await app.delete('/api/v1/sections/S1/enrollments/st3');
      expect(dropped.status).toBe(200);
      const listed = (await app.get(`/api/v1/sections/S1/attendance?after=${dropped.body.position}`)).body.students.map((s: any) => s.studentId);
      expect(listed).not.toContain('st3');
      expect((await app.get('/api/v1/sections/S1/students/st3')).status).toBe(404);
      const again = await app.put('/api/v1/sections/S1/enrollments/st3', { enrolledAt: '2026-09-02T00:00:00+03:00' });
      expect(again.body).toMatchObject({ studentId: 'st3', enrolledAt: '2026-09-02T00:00:00+03:00' });
      expect((await app.get(`/api/v1/sections/S1/attendance?after=${again.body.position}`)).body.students.map((s: any) => s.studentId)).toContain('st3');
    });

    it('reschedules and cancels an item, and a cancelled item leaves every total', async () => {
      await app.put('/api/v1/sections/S1/items/extra', { kind: 'virtualClass', startsAt: '2026-09-20T08:00:00+03:00', endsAt: '2026-09-20T09:00:00+03:00' });
      const moved = await app.put('/api/v1/sections/S1/items/extra', { kind: 'virtualClass', startsAt: '2026-09-20T08:00:00+03:00', endsAt: '2026-09-20T10:00:00+03:00' });
      const planned = async (after: string) => (await app.get(`/api/v1/sections/S1/students/st2?after=${after}`)).body.components.virtualClass.planned;
      const before = await planned(moved.body.position);
      const cancelled = await app.delete('/api/v1/sections/S1/items/extra');
      expect(await planned(cancelled.body.position)).toBe(before - 120);
      expect((await app.get('/api/v1/sections/S1/students/st2')).body.items.map((i: any) => i.itemId)).not.toContain('extra');
    });

    it('applies a section policy override by the rules document names', async () => {
      await app.put('/api/v1/sections/POL', { termId: 'T', courseCode: 'C', level: 'online', policy: { thresholdPercent: 50 } });
      await app.put('/api/v1/sections/POL/enrollments/st1', { enrolledAt: '2026-09-01T00:00:00+03:00' });
      const item = await app.put('/api/v1/sections/POL/items/a1', { kind: 'eActivity', dueAt: '2026-09-30T00:00:00+03:00' });
      const { body } = await app.get(`/api/v1/sections/POL/students/st1?after=${item.body.position}`);
      expect(body.components.eActivity.planned).toBe(1);
      // A 50% threshold allows half the planned total: floor(1 × 50 / 100) = 0 here, and 2 of 4 below.
      expect(body.components.eActivity.allowance).toBe(0);
      for (const id of ['a2', 'a3', 'a4']) await app.put(`/api/v1/sections/POL/items/${id}`, { kind: 'eActivity', dueAt: '2026-09-30T00:00:00+03:00' });
      const last = await app.put('/api/v1/sections/POL/items/a4', { kind: 'eActivity', dueAt: '2026-09-30T00:00:00+03:00' });
      expect((await app.get(`/api/v1/sections/POL/students/st1?after=${last.body.position}`)).body.components.eActivity.allowance).toBe(2);
    });
  });

  it('answers every write with the position, and a read with ?after= waits for it', async () => {
    const answer = await app.put('/api/v1/sections/S1/items/vc2', { kind: 'virtualClass', startsAt: '2026-09-13T08:00:00+03:00', endsAt: '2026-09-13T09:30:00+03:00' });
    expect(answer.body.position).toMatch(/^\d+$/);
    const { body } = await app.get(`/api/v1/sections/S1/attendance?after=${answer.body.position}`);
    expect(body.students[0].components.virtualClass.planned).toBe(180);
    const tooFar = await app.get(`/api/v1/sections/S1/attendance?after=99999999`);
    expect(tooFar.status).toBe(503);
  });

  it('serves the OpenAPI description generated from the code', async () => {
    const answer = await app.get('/api/docs-json', null);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/sections/{sectionId}/items/{itemId}']));
  });
});
