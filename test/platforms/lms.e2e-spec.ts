import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppHarness } from '../support/app-harness';
import { payload, payloadText } from '../support/platform-payloads';

const json = { 'content-type': 'application/json' };

describe('Moodle raw events', () => {
  let app: AppHarness;
  const send = (body: string) => app.raw('POST', '/api/v1/webhooks/moodle', body, json);
  beforeAll(async () => {
    app = await AppHarness.start('2024-03-20T00:00:00Z', { MOODLE_WEBHOOK_TOKEN: 'shared-token-configured-in-plugin' });
    await app.put('/api/v1/sections/M1', { termId: 'T', courseCode: 'DS101', level: 'blended', inPersonSharePercent: 25 });
    await app.put('/api/v1/sections/M1/enrollments/noura', { enrolledAt: '2024-02-01T00:00:00Z' });
    await app.put('/api/v1/students/noura/identities', { moodle: '1187' });
    await app.put('/api/v1/sections/M1/items/week5-page', { kind: 'recordedLecture', durationMinutes: 30, dueAt: '2024-03-15T00:00:00Z', links: { moodle: '842' } });
    await app.put('/api/v1/sections/M1/items/week5-assign', { kind: 'eActivity', dueAt: '2024-03-15T00:00:00Z', links: { moodle: '849' } });
  });
  afterAll(() => app.close());

  it('counts a module view and a submission for the linked items, once each', async () => {
    const viewed = await send(payloadText('moodle', 'course_module_viewed.json'));
    const submitted = await send(payloadText('moodle', 'assessable_submitted.json'));
    expect([viewed.body.accepted, submitted.body.accepted]).toEqual([1, 1]);
    expect((await send(payloadText('moodle', 'assessable_submitted.json'))).body).toMatchObject({ accepted: 0, duplicates: 1 });
    const { body } = await app.get(`/api/v1/sections/M1/students/noura?after=${submitted.body.position}`);
    expect(body.items.map((i: any) => [i.itemId, i.outcome])).toEqual([
      ['week5-assign', 'present'],
      ['week5-page', 'present'],
    ]);
  });

  it('refuses a wrong token with 401 and ignores a site login', async () => {
    const forged = { ...payload('moodle', 'assessable_submitted.json'), token: 'guess' };
    expect((await send(JSON.stringify(forged))).status).toBe(401);
    const login = await send(payloadText('moodle', 'user_loggedin.json'));
    expect(login.body).toMatchObject({ received: 0, ignored: [expect.objectContaining({ reason: expect.any(String) })] });
  });
});

describe('xAPI statements (an LRS)', () => {
  let app: AppHarness;
  let basic: string;
  /** xAPI answers carry no position: wait for the store's head instead. */
  const head = async () => (await app.get('/health', null)).body.position;
  const xapi = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.raw(method, `/api/v1/xapi/statements${path}`, JSON.stringify(body), { ...json, authorization: basic, 'x-experience-api-version': '1.0.3', ...headers });

  beforeAll(async () => {
    app = await AppHarness.start('2024-03-20T00:00:00Z');
    basic = `Basic ${Buffer.from(`bbb:${await app.token('integration', 'bbb-xapi')}`).toString('base64')}`;
    await app.put('/api/v1/sections/X1', { termId: 'T', courseCode: 'C', level: 'online', policy: { minVirtualClassMinutes: 0 } });
    await app.put('/api/v1/sections/X1/enrollments/mary', { enrolledAt: '2024-02-01T00:00:00Z' });
    await app.put('/api/v1/students/mary/identities', { xapi: { homePage: 'https://bbb.example.edu', name: 'Mary Sue' } });
    await app.put('/api/v1/sections/X1/items/live', {
      kind: 'virtualClass',
      startsAt: '2024-02-19T22:18:50Z',
      endsAt: '2024-02-19T22:19:20Z',
      links: { xapi: 'https://bbb.example.edu/xapi/activities/6c7796b6-cc22-588f-9863-6053b31d310b' },
    });
  });
  afterAll(() => app.close());

  it('gives statements without ids fresh ids; a resend is stored again but counts once', async () => {
    const batch = [payload('xapi', 'joined.json'), payload('xapi', 'left.json')];
    const first = await xapi('POST', '', batch);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(first.body).toHaveLength(2);
    const again = await xapi('POST', '', batch);
    expect(again.status).toBe(200);
    expect(again.body).toHaveLength(2);
    expect(again.body).not.toEqual(first.body);
    const { body } = await app.get(`/api/v1/sections/X1/students/mary?after=${await head()}`);
    // Joined 22:18:57.694, left 22:19:13.713: 16 s of a 30 s class.
    expect(body.items[0]).toMatchObject({ itemId: 'live', outcome: 'present' });
    expect(body.items[0].evidence[0].factIds).toHaveLength(2);
  });

  it('is idempotent by statement id: the same body changes nothing, another body is 409', async () => {
    const statement = payload('xapi', 'video-paused.json');
    expect((await xapi('PUT', `?statementId=${statement.id}`, statement)).status).toBe(204);
    expect((await xapi('PUT', `?statementId=${statement.id}`, statement)).status).toBe(204);
    const changed = { ...statement, timestamp: '2024-03-12T18:11:00.000Z' };
    expect((await xapi('PUT', `?statementId=${statement.id}`, changed)).status).toBe(409);
    const got = await app.raw('GET', `/api/v1/xapi/statements?statementId=${statement.id}`, undefined as never, { authorization: basic, 'x-experience-api-version': '1.0.3' });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: statement.id, timestamp: statement.timestamp, stored: '2024-03-20T00:00:00.000Z' });
    expect(got.headers.get('x-experience-api-consistent-through')).toBe('2024-03-20T00:00:00.000Z');
  });

  it('counts a logged-in statement on the course activity a section links to as a course access', async () => {
    const course = 'https://lms.example.edu/course/view.php?id=57';
    await app.put('/api/v1/sections/X1', { termId: 'T', courseCode: 'C', level: 'online', policy: { minVirtualClassMinutes: 0 }, links: { xapi: course } });
    const login = {
      id: '9a6c1b2e-3f4d-4e5a-8b7c-6d5e4f3a2b1c',
      actor: { account: { homePage: 'https://bbb.example.edu', name: 'Mary Sue' } },
      verb: { id: 'https://w3id.org/xapi/adl/verbs/logged-in' },
      object: { id: course },
      timestamp: '2024-02-20T09:00:00Z',
    };
    const stored = await xapi('POST', '', [login]);
    expect(stored.status).toBe(200);
    const { body } = await app.get(`/api/v1/sections/X1/students/mary?after=${await head()}`);
    expect(body.logins).toEqual([{ weekStart: '2024-02-18', days: 1, compliant: false }]);
  });

  it('refuses statements that break the specification, a missing version header and a bad password', async () => {
    const noVerb = { ...payload('xapi', 'joined.json'), verb: undefined };
    const bad = await xapi('POST', '', noVerb);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('verb');
    expect((await xapi('POST', '', payload('xapi', 'joined.json'), { 'x-experience-api-version': '' })).status).toBe(400);
    expect((await xapi('POST', '', payload('xapi', 'joined.json'), { authorization: `Basic ${Buffer.from('x:nope').toString('base64')}` })).status).toBe(401);
  });
});

describe('IMS Caliper', () => {
  let app: AppHarness;
  const send = (body: unknown, token = 'caliper-sensor-token-123') => app.raw('POST', '/api/v1/webhooks/caliper', JSON.stringify(body), { ...json, authorization: `Bearer ${token}` });
  beforeAll(async () => {
    app = await AppHarness.start('2018-11-20T00:00:00Z', { CALIPER_BEARER_TOKEN: 'caliper-sensor-token-123' });
    await app.put('/api/v1/sections/C1', { termId: 'T', courseCode: 'CPS435', level: 'blended', inPersonSharePercent: 25 });
    await app.put('/api/v1/sections/C1/enrollments/st554433', { enrolledAt: '2018-09-01T00:00:00Z' });
    await app.put('/api/v1/students/st554433/identities', { caliper: 'https://example.edu/users/554433' });
    await app.put('/api/v1/sections/C1/items/welcome', { kind: 'recordedLecture', durationMinutes: 20, dueAt: '2018-11-16T00:00:00Z', links: { caliper: 'https://example.edu/UQVK-dsU7-Y' } });
  });
  afterAll(() => app.close());

  it('turns media events into recorded-lecture views and refuses a wrong bearer', async () => {
    expect((await send(payload('caliper', 'MediaEvent.Paused.json'), 'wrong')).status).toBe(401);
    const paused = await send(payload('caliper', 'MediaEvent.Paused.json'));
    expect(paused.body.accepted).toBe(1);
    const ended = await send(payload('caliper', 'MediaEvent.Ended.json'));
    const { body } = await app.get(`/api/v1/sections/C1/students/st554433?after=${ended.body.position}`);
    expect(body.items[0]).toMatchObject({ itemId: 'welcome', outcome: 'present' });
  });
});

describe('Canvas Live Events, signed', () => {
  let app: AppHarness;
  let dir: string;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = (claims: unknown) => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'canvas-2024-03', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createSign('sha256').update(`${header}.${body}`).sign(privateKey).toString('base64url');
    return `${header}.${body}.${signature}`;
  };
  const send = (body: string, type = 'application/jwt') => app.raw('POST', '/api/v1/webhooks/canvas', body, { 'content-type': type });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canvas-jwks-'));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'canvas-2024-03', alg: 'RS256', use: 'sig' }] }));
    app = await AppHarness.start('2019-11-02T00:00:00Z', { CANVAS_JWKS_FILE: join(dir, 'jwks.json') });
    await app.put('/api/v1/sections/CV1', { termId: 'T', courseCode: 'C', level: 'online' });
    const submission = payload('canvas', 'submission_created.json');
    await app.put(`/api/v1/sections/CV1/enrollments/${submission.body.user_id}`, { enrolledAt: '2019-09-01T00:00:00Z' });
    await app.put('/api/v1/sections/CV1/items/essay', { kind: 'eActivity', dueAt: '2019-11-02T00:00:00Z', links: { canvas: submission.body.assignment_id } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a signed submission; a tampered or unsigned one is 401 and stores nothing', async () => {
    const submission = payload('canvas', 'submission_created.json');
    const token = sign(submission);
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...submission, body: { ...submission.body, user_id: 'someone-else' } })).toString('base64url')}.${signature}`;
    expect((await send(tampered)).status).toBe(401);
    expect((await send(JSON.stringify(submission), 'application/json')).status).toBe(401);
    const accepted = await send(token);
    expect(accepted.body).toMatchObject({ accepted: 1 });
    const { body } = await app.get(`/api/v1/sections/CV1/students/${submission.body.user_id}?after=${accepted.body.position}`);
    expect(body.items[0]).toMatchObject({ itemId: 'essay', outcome: 'present' });
    expect((await app.get('/api/v1/webhooks/stats')).body.platforms.canvas).toMatchObject({ unauthorized: 2, accepted: 1 });
  });
});
