import { AppHarness } from '../support/app-harness';

const NOW = '2026-10-01T12:00:00Z';
const fact = (id: string, occurredAt: string) => ({ id, type: 'course.accessed', occurredAt, sectionId: 'T1', studentId: 's1' });

describe('times that cannot be true are refused, naming the field, and change nothing', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await AppHarness.start(NOW);
    await app.put('/api/v1/sections/T1', { termId: 'T', courseCode: 'C', level: 'online' });
    await app.put('/api/v1/sections/T1/enrollments/s1', { enrolledAt: '2026-09-01T00:00:00+03:00' });
  });
  afterAll(() => app.close());

  it('rejects facts from before 2000, from more than five minutes ahead, and on days that do not exist', async () => {
    const { results } = await app.pushFacts([
      fact('y9999', '9999-12-31T23:59:59Z'),
      fact('y0000', '0000-01-01T00:00:00Z'),
      fact('y1999', '1999-12-31T23:59:59Z'),
      fact('feb30', '2026-02-30T08:00:00+03:00'),
      fact('h24', '2026-09-06T24:00:00+03:00'),
      fact('offset', '2026-09-06T08:00:00+25:00'),
      fact('ahead-6', '2026-10-01T12:06:00Z'),
      fact('ahead-5', '2026-10-01T12:05:00Z'),
      fact('y2000', '2000-01-01T00:00:00Z'),
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['y9999', 'rejected'],
      ['y0000', 'rejected'],
      ['y1999', 'rejected'],
      ['feb30', 'rejected'],
      ['h24', 'rejected'],
      ['offset', 'rejected'],
      ['ahead-6', 'rejected'],
      ['ahead-5', 'accepted'],
      ['y2000', 'accepted'],
    ]);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.error).toMatch(/^events\[\d\]\.occurredAt /);
    expect(results[2].error).toContain('before 2000-01-01');
    expect(results[6].error).toContain('more than 5 minutes after');
    expect(results[3].error).toContain('real calendar day');
    const record = await app.get('/api/v1/sections/T1/students/s1');
    expect(record.status).toBe(200);
    expect(record.body.logins.map((w: any) => w.weekStart)).toEqual(['1999-12-26', '2026-09-27']);
  });

  it('refuses impossible dates in items, enrollments, the term end and asOf', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['PUT', '/api/v1/sections/T1/items/x', { kind: 'eActivity', dueAt: '2026-02-30T09:00:00+03:00' }, 'dueAt'],
      ['PUT', '/api/v1/sections/T1/items/y', { kind: 'virtualClass', startsAt: '2026-02-29T09:00:00+03:00', endsAt: '2026-03-01T10:00:00+03:00' }, 'startsAt'],
      ['PUT', '/api/v1/sections/T1/items/z', { kind: 'virtualClass', startsAt: '2026-09-06T09:00:00+03:00', endsAt: '2026-09-06T09:60:00+03:00' }, 'endsAt'],
      ['PUT', '/api/v1/sections/T1/enrollments/s2', { enrolledAt: '2026-04-31T00:00:00+03:00' }, 'enrolledAt'],
      ['PUT', '/api/v1/sections/T2', { termId: 'T', courseCode: 'C', level: 'online', termEndsAt: '2026-13-01T00:00:00Z' }, 'termEndsAt'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await app.request(method, path, { body });
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.body.message).toContain(field);
    }
    const asOf = await app.get(`/api/v1/sections/T1/eligibility?asOf=${encodeURIComponent('2026-02-30T00:00:00Z')}`);
    expect(asOf.status).toBe(400);
    expect(asOf.body.message).toContain('asOf');
    // 2028 is a leap year: 29 February exists.
    expect((await app.get(`/api/v1/sections/T1/eligibility?asOf=${encodeURIComponent('2028-02-29T00:00:00Z')}`)).status).toBe(200);
    expect((await app.get('/api/v1/sections/T1/attendance')).body.items).toEqual([]);
    expect((await app.get('/api/v1/sections/T2/attendance')).status).toBe(404);
  });
});
