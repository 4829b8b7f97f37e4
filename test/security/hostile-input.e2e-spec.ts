import type { EventStore } from '@attendance/event-store';
import { EVENT_STORE } from '../../apps/api/src/config/tokens';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { WebhookDispatcher } from '../../apps/api/src/outbound/webhook-dispatcher';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { Receiver } from '../support/receiver';
import { SseStream } from '../support/sse';

const NOW = '2026-10-01T00:00:00Z';
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const fact = (extra: Record<string, unknown> = {}) => ({ id: 'f1', type: 'course.accessed', occurredAt: '2026-09-20T08:00:00Z', sectionId: 'H1', studentId: 's1', ...extra });

describe('no input can hurt it: each defect found by hand, refused with a 400 that names the field', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await AppHarness.start(NOW);
    await app.put('/api/v1/sections/H1', { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/H1/enrollments/s1', { enrolledAt: '2026-09-01T00:00:00Z' });
  });
  afterAll(() => app.close());

  const before = async () => JSON.stringify((await app.get('/api/v1/sections/H1/attendance')).body.students);

  it('refuses JSON nested thousands of levels deep in a fact, a policy or links, and changes nothing', async () => {
    const unchanged = await before();
    const raw = (path: string, method: string, text: string) => app.raw(method, path, text, { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' });
    const answers = [
      await raw('/api/v1/events', 'POST', `{"events":[{"id":"deep","extra":${nested(3000)}}]}`),
      await raw('/api/v1/sections/H1', 'PUT', `{"termId":"T","courseCode":"C","level":"online","policy":{"x":${nested(5000)}}}`),
      await raw('/api/v1/sections/H1/items/i1', 'PUT', `{"kind":"eActivity","dueAt":"2026-10-10T00:00:00Z","links":{"zoom":${nested(5000)}}}`),
    ];
    for (const a of answers) expect([a.status, a.body.message]).toEqual([400, 'body nests deeper than 32 levels']);
    expect(await before()).toBe(unchanged);
  });

  it('holds every id to one rule, in bodies and in paths: no NUL, line breaks, bidirectional overrides or "/"', async () => {
    for (const bad of ['a\u0000b', 'a\nb', 'evil\u202Egpj.exe', 'a/b', ' padded', 'x'.repeat(201)]) {
      const { results } = await app.pushFacts([fact({ id: `bad-${bad.length}`, studentId: bad })]);
      expect(results[0]).toMatchObject({ status: 'rejected', error: expect.stringContaining('events[0].studentId') });
      const section = await app.put(`/api/v1/sections/${encodeURIComponent(bad)}`, { termId: 'T', courseCode: 'C', level: 'online' });
      expect([section.status, section.body.message]).toEqual([400, expect.stringContaining('sectionId in the path')]);
      const enrolled = await app.post('/api/v1/sections/H1/excuses', { studentId: bad, itemIds: ['x'], reason: 'r', decidedBy: 'd' });
      expect([enrolled.status, enrolled.body.message]).toEqual([400, expect.stringContaining('studentId')]);
    }
    expect((await app.get('/api/v1/sections')).body.sections.map((s: any) => s.sectionId)).toEqual(['H1']);
  });

  it('takes an id of 200 characters the same in a body and in a path', async () => {
    const long = 'L'.repeat(200);
    expect((await app.put(`/api/v1/sections/${long}`, { termId: 'T', courseCode: 'C', level: 'online' })).status).toBe(200);
    expect((await app.put(`/api/v1/sections/${long}/enrollments/${long}`, {})).status).toBe(200);
    const { results } = await app.pushFacts([fact({ id: long, sectionId: long, studentId: long })]);
    expect(results[0].status).toBe('accepted');
    expect((await app.get(`/api/v1/sections/${long}/students/${long}?after=${await app.app.get(NoticeIssuer).settled()}`)).body.logins).toHaveLength(1);
  });

  it('names a field called __proto__ or constructor, and a body that is null or not an object', async () => {
    const raw = (method: string, path: string, text: string) => app.raw(method, path, text, { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' });
    const proto = await raw('POST', '/api/v1/events', '{"events":[{"id":"p","__proto__":{"admin":true}}]}');
    expect([proto.status, proto.body.message]).toEqual([400, 'events[0].__proto__ is not an allowed field name']);
    const ctor = await raw('PUT', '/api/v1/sections/H1', '{"termId":"T","courseCode":"C","level":"online","policy":{"constructor":{"prototype":{}}}}');
    expect([ctor.status, ctor.body.message]).toEqual([400, 'policy.constructor is not an allowed field name']);
    const escaped = await raw('PUT', '/api/v1/sections/H1', '{"termId":"T","courseCode":"C","level":"online","\\u005f_proto__":{}}');
    expect([escaped.status, escaped.body.message]).toEqual([400, '__proto__ is not an allowed field name']);
    const nullBody = await raw('PUT', '/api/v1/sections/H1/enrollments/s-null', 'null');
    expect([nullBody.status, nullBody.body.message]).toEqual([400, 'body must be a JSON object']);
    expect((await app.get('/api/v1/sections/H1/attendance')).body.students.map((s: any) => s.studentId)).toEqual(['s1']);
  });

  it('refuses an itemId on a course access', async () => {
    const { results } = await app.pushFacts([fact({ id: 'access-with-item', itemId: 'i1' })]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: 'events[0].itemId is not allowed on course.accessed' });
  });

  it('gives every enrollment its own notice stream: section A-B with student C, section A with student B-C', async () => {
    for (const [section, student] of [['A-B', 'C'], ['A', 'B-C']]) {
      await app.put(`/api/v1/sections/${section}`, { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
      await app.put(`/api/v1/sections/${section}/enrollments/${student}`, { enrolledAt: '2026-09-01T00:00:00Z' });
      await app.put(`/api/v1/sections/${section}/items/a1`, { kind: 'eActivity', dueAt: '2026-09-10T00:00:00Z' });
    }
    const head = await app.app.get(NoticeIssuer).settled();
    for (const [section, student] of [['A-B', 'C'], ['A', 'B-C']]) {
      const { body } = await app.get(`/api/v1/students/${student}/notifications?after=${head}`);
      expect(body.notifications.map((n: any) => [n.sectionId, n.kind])).toEqual([[section, 'deprived']]);
    }
  });

  it('neutralises CSV cells a spreadsheet would run as formulas', async () => {
    const evil = '=HYPERLINK("evil.example","x")';
    const enrolled = await app.put(`/api/v1/sections/H1/enrollments/${encodeURIComponent(evil)}`, { enrolledAt: '2026-09-01T00:00:00Z' });
    expect(enrolled.status).toBe(200);
    const csv = await app.request('GET', `/api/v1/sections/H1/eligibility?after=${enrolled.body.position}`, { headers: { accept: 'text/csv' } });
    const line = csv.text.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line).toContain(`,"'=HYPERLINK(""evil.example"",""x"")",`);
    expect(csv.text.split('\n').some((l) => /(^|,)[=+\-@]/.test(l))).toBe(false);
  });
});

describe('outbound webhooks reach only public https addresses unless private networks are allowed', () => {
  let app: AppHarness;
  const receiver = new Receiver(0);
  beforeAll(async () => {
    await receiver.start();
    app = await AppHarness.start(NOW);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('refuses metadata, loopback, private and plain http URLs, naming the url', async () => {
    const secret = 'institution-secret-0123456789';
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://169.254.169.254/x', 'https://127.0.0.1/x', 'https://localhost/x', 'https://10.1.2.3/x', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://192.168.1.1/x', 'http://example.org/x', 'https://user:pw@example.org/x', 'ftp://example.org/x']) {
      const answer = await app.put('/api/v1/outbound-webhooks/evil', { url, secret });
      expect([url, answer.status, answer.body.message]).toEqual([url, 400, expect.stringMatching(/^url must/)]);
    }
    expect((await app.put('/api/v1/outbound-webhooks/good', { url: 'https://receiver.example.org/hooks', secret })).status).toBe(200);
  });

  it('refuses at delivery too: a private URL stored before the rule is never called', async () => {
    const store = app.app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('outbound-webhooks', [{ id: 'old-hook', type: 'OutboundWebhookSet', data: { name: 'old', url: receiver.url, secret: 'old-secret-0123456789', active: true } }]);
    await app.restart();
    await app.put('/api/v1/sections/W1', { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/W1/enrollments/nora', { enrolledAt: '2026-09-01T00:00:00Z' });
    await app.put('/api/v1/sections/W1/items/a1', { kind: 'eActivity', dueAt: '2026-09-10T00:00:00Z' });
    await app.app.get(NoticeIssuer).settled();
    const dispatcher = app.app.get(WebhookDispatcher);
    const refused = () => dispatcher.statuses().find((s) => s.name === 'old')?.lastError;
    while (!refused()) await new Promise((resolve) => setImmediate(resolve));
    expect(refused()).toContain('refused');
    expect(receiver.received).toEqual([]);
  });
});

describe('every read that shows a student is audited, lists and feeds included', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await AppHarness.start(NOW);
    await app.put('/api/v1/sections/AU1', { termId: 'T', courseCode: 'C', level: 'online', instructors: ['dr-a'] });
    for (const s of ['s1', 's2']) await app.put(`/api/v1/sections/AU1/enrollments/${s}`, { enrolledAt: '2026-09-01T00:00:00Z' });
  });
  afterAll(() => app.close());

  it('writes who read what for the roster, eligibility (JSON and CSV), the live feed and the student feeds', async () => {
    const faculty = await app.token('faculty', 'dr-a');
    const student = await app.token('student', 's2');
    await app.get('/api/v1/sections/AU1/attendance', faculty);
    await app.get('/api/v1/sections/AU1/eligibility', faculty);
    await app.request('GET', '/api/v1/sections/AU1/eligibility', { token: faculty, headers: { accept: 'text/csv' } });
    for (const [path, token] of [['/api/v1/sections/AU1/live', faculty], ['/api/v1/students/s2/notifications/stream', student], ['/api/v1/students/s2/attendance/stream', student]]) {
      (await SseStream.open(`${app.url}${path}`, token)).close();
    }
    const reads = async (s: string) => (await app.get(`/api/v1/audit/students/${s}`)).body.reads.map((r: any) => `${r.by.role}:${r.what}`).sort();
    const expectAudited = async () => {
      expect(await reads('s1')).toEqual(['faculty:GET /sections/AU1/attendance', 'faculty:GET /sections/AU1/eligibility', 'faculty:GET /sections/AU1/eligibility (CSV)', 'faculty:GET /sections/AU1/live']);
      expect(await reads('s2')).toEqual(expect.arrayContaining(['student:GET /students/s2/attendance/stream', 'student:GET /students/s2/notifications/stream', 'faculty:GET /sections/AU1/live']));
    };
    // The feeds write their entry as they open; the stream has answered by then.
    await expectAudited();
  });
});

describe('security headers', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start(NOW)));
  afterAll(() => app.close());

  it('sends a content security policy that forbids framing, no sniffing, and no referrer, on the dashboards and the API', async () => {
    for (const path of ['/', '/app/js/main.js', '/health', '/api/v1/me']) {
      const { headers } = await app.get(path);
      expect([path, headers.get('content-security-policy')]).toEqual([path, expect.stringContaining("frame-ancestors 'none'")]);
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
