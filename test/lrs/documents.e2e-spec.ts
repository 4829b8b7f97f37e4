import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppHarness } from '../support/app-harness';

/**
 * The LRS's document resources (xAPI 1.0.3 Communication §2.2–2.7, §3.1): state, activity
 * profiles and agent profiles, with About and Agents, through HTTP on the real service.
 */

interface Reply {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

const STATE = '/api/v1/xapi/activities/state';
const ACTIVITY_PROFILE = '/api/v1/xapi/activities/profile';
const AGENT_PROFILE = '/api/v1/xapi/agents/profile';
const ACTIVITY = 'http://example.com/activities/course-1';
const LEARNER = { objectType: 'Agent', account: { homePage: 'https://lms.example.edu', name: 'noura' } };

const query = (parameters: Record<string, unknown>) =>
  '?' + Object.entries(parameters).map(([name, value]) => `${name}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`).join('&');

/** One request to the LRS with Basic auth and the version header, unless `headers` replaces them. */
async function lrs(app: AppHarness, basic: string, method: string, path: string, options: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { authorization: basic, 'x-experience-api-version': '1.0.3', ...(options.headers ?? {}) };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(app.url + path, { method, headers, body });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, text, body: parsed, headers: response.headers };
}

describe('xAPI document resources', () => {
  let app: AppHarness;
  let basic: string;
  const call = (method: string, path: string, options?: Parameters<typeof lrs>[4]) => lrs(app, basic, method, path, options);

  beforeAll(async () => {
    app = await AppHarness.start('2026-09-01T08:00:00Z');
    basic = `Basic ${Buffer.from(`lms:${await app.token('integration', 'lms')}`).toString('base64')}`;
  });
  afterAll(() => app.close());

  describe('state', () => {
    const scope = { activityId: ACTIVITY, agent: LEARNER };

    it('stores a document as sent and answers it with its type, ETag (quoted SHA-1) and Last-Modified', async () => {
      expect((await call('PUT', STATE + query({ ...scope, stateId: 'bookmark' }), { body: 'page=12', headers: { 'content-type': 'text/plain' } })).status).toBe(204);
      const got = await call('GET', STATE + query({ ...scope, stateId: 'bookmark' }));
      expect([got.status, got.text, got.headers.get('content-type')]).toEqual([200, 'page=12', 'text/plain']);
      expect(got.headers.get('etag')).toBe(`"${createHash('sha1').update('page=12').digest('hex')}"`);
      expect(got.headers.get('last-modified')).toBe(new Date('2026-09-01T08:00:00Z').toUTCString());
      expect(got.headers.get('x-experience-api-version')).toBe('1.0.3');
      expect((await call('GET', STATE + query({ ...scope, stateId: 'missing' }))).status).toBe(404);
    });

    it('merges a POSTed JSON object into the stored one, one level deep; anything else is 400 and changes nothing', async () => {
      const at = query({ ...scope, stateId: 'progress' });
      expect((await call('POST', STATE + at, { json: { car: { make: 'Ford' }, driver: 'Dale' } })).status).toBe(204);
      expect((await call('POST', STATE + at, { json: { car: { model: 'Ram' }, lap: 3 } })).status).toBe(204);
      expect((await call('GET', STATE + at)).body).toEqual({ car: { model: 'Ram' }, driver: 'Dale', lap: 3 });
      const refused = await call('POST', STATE + at, { body: 'abc', headers: { 'content-type': 'text/plain' } });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('Content-Type');
      expect((await call('GET', STATE + at)).body).toEqual({ car: { model: 'Ram' }, driver: 'Dale', lap: 3 });
    });

    it('lists the stateIds, those changed after since, and DELETE without a stateId deletes them all', async () => {
      const own = { activityId: `${ACTIVITY}/list`, agent: LEARNER, registration: 'A1B2C3D4-0000-4000-8000-000000000001' };
      await call('PUT', STATE + query({ ...own, stateId: 'first' }), { json: { n: 1 } });
      app.setTime('2026-09-01T09:00:00Z');
      await call('PUT', STATE + query({ ...own, stateId: 'second' }), { json: { n: 2 } });
      expect((await call('GET', STATE + query(own))).body).toEqual(['first', 'second']);
      expect((await call('GET', STATE + query({ ...own, since: '2026-09-01T08:30:00Z' }))).body).toEqual(['second']);
      // The registration is part of the scope, whichever way its UUID is written.
      expect((await call('GET', STATE + query({ ...own, registration: own.registration.toLowerCase() }))).body).toEqual(['first', 'second']);
      expect((await call('GET', STATE + query({ activityId: own.activityId, agent: LEARNER }))).body).toEqual([]);
      expect((await call('DELETE', STATE + query(own))).status).toBe(204);
      expect((await call('GET', STATE + query(own))).body).toEqual([]);
      expect((await call('GET', STATE + query({ ...own, stateId: 'first' }))).status).toBe(404);
    });

    it('refuses a missing or malformed parameter with a 400 that names it', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ agent: LEARNER, stateId: 's' }, 'activityId'],
        [{ activityId: 'not an iri', agent: LEARNER, stateId: 's' }, 'activityId'],
        [{ activityId: ACTIVITY, stateId: 's' }, 'agent'],
        [{ activityId: ACTIVITY, agent: 'not JSON', stateId: 's' }, 'agent'],
        [{ activityId: ACTIVITY, agent: { objectType: 'Agent', name: 'no identifier' }, stateId: 's' }, 'agent'],
        [{ ...scope, registration: 'not-a-uuid', stateId: 's' }, 'registration'],
        [{ ...scope, since: 'yesterday' }, 'since'],
        [{ ...scope, stateId: 's', colour: 'blue' }, 'colour'],
      ];
      for (const [parameters, named] of cases) {
        const answer = await call('GET', STATE + query(parameters));
        expect([answer.status, answer.body.message.startsWith(named)]).toEqual([400, true]);
      }
      const put = await call('PUT', STATE + query(scope), { json: { a: 1 } });
      expect([put.status, put.body.message]).toEqual([400, 'stateId: is required']);
      expect((await call('GET', STATE + query({ ...scope, stateId: 's' }), { headers: { 'x-experience-api-version': '' } })).status).toBe(400);
      expect((await call('GET', STATE + query({ ...scope, stateId: 's' }), { headers: { authorization: 'Basic eDp3cm9uZw==' } })).status).toBe(401);
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const at = query({ ...scope, stateId: 'bookmark' });
      const head = await call('HEAD', STATE + at);
      const get = await call('GET', STATE + at);
      expect([head.status, head.text]).toEqual([200, '']);
      expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)));
      const list = await call('HEAD', STATE + query(scope));
      expect([list.status, list.text]).toEqual([200, '']);
    });

    it('takes a PUT in the alternate request syntax: a form POST with ?method=PUT', async () => {
      const form = new URLSearchParams({
        activityId: ACTIVITY,
        agent: JSON.stringify(LEARNER),
        stateId: 'from-a-browser',
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
        Authorization: basic,
        content: JSON.stringify({ slide: 7 }),
      });
      const sent = await fetch(`${app.url}${STATE}?method=PUT`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      expect(sent.status).toBe(204);
      const got = await call('GET', STATE + query({ ...scope, stateId: 'from-a-browser' }));
      expect([got.body, got.headers.get('content-type')]).toEqual([{ slide: 7 }, 'application/json']);
    });
  });

  describe('profiles and concurrency', () => {
    it('an activity profile PUT names what it replaces: If-None-Match: * to create, If-Match to replace, 409 without either', async () => {
      const at = ACTIVITY_PROFILE + query({ activityId: ACTIVITY, profileId: 'syllabus' });
      expect((await call('PUT', at, { json: { week: 1 } })).status).toBe(400);
      expect((await call('PUT', at, { json: { week: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
      expect((await call('PUT', at, { json: { week: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
      const conflict = await call('PUT', at, { json: { week: 2 } });
      expect(conflict.status).toBe(409);
      expect(conflict.body.message).toContain('If-Match');
      const wrong = await call('PUT', at, { json: { week: 2 }, headers: { 'if-match': '"1111111111111111111111111111111111111111"' } });
      expect(wrong.status).toBe(412);
      const { headers } = await call('GET', at);
      expect((await call('PUT', at, { json: { week: 2 }, headers: { 'if-match': headers.get('etag')! } })).status).toBe(204);
      expect((await call('GET', at)).body).toEqual({ week: 2 });
      // The old ETag no longer matches, for DELETE either.
      expect((await call('DELETE', at, { headers: { 'if-match': headers.get('etag')! } })).status).toBe(412);
      expect((await call('GET', ACTIVITY_PROFILE + query({ activityId: ACTIVITY }))).body).toEqual(['syllabus']);
    });

    it('an agent profile merges by POST without a header, lists by since, and needs a profileId to DELETE', async () => {
      const agent = { mbox: 'mailto:Noura@Example.edu' };
      const at = AGENT_PROFILE + query({ agent, profileId: 'preferences' });
      expect((await call('POST', at, { json: { language: 'ar' } })).status).toBe(204);
      expect((await call('POST', at, { json: { theme: 'dark' } })).status).toBe(204);
      // The same person, however the address is cased and whatever name is given.
      const same = AGENT_PROFILE + query({ agent: { objectType: 'Agent', name: 'Noura', mbox: 'mailto:noura@example.edu' }, profileId: 'preferences' });
      expect((await call('GET', same)).body).toEqual({ language: 'ar', theme: 'dark' });
      expect((await call('GET', AGENT_PROFILE + query({ agent, since: '2000-01-01T00:00:00Z' }))).body).toEqual(['preferences']);
      const missing = await call('DELETE', AGENT_PROFILE + query({ agent }));
      expect([missing.status, missing.body.message]).toEqual([400, 'profileId: is required']);
      expect((await call('DELETE', at)).status).toBe(204);
      expect((await call('GET', at)).status).toBe(404);
    });

    it('of requests racing to create the same profile document, exactly one wins', async () => {
      const at = ACTIVITY_PROFILE + query({ activityId: ACTIVITY, profileId: 'race' });
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call('PUT', at, { json: { writer: i }, headers: { 'if-none-match': '*' } })));
      expect(answers.map((a) => a.status).sort()).toEqual([204, 412, 412, 412, 412, 412, 412, 412]);
    });
  });

  describe('About and Agents', () => {
    it('About answers the versions without credentials or a version header', async () => {
      const about = await fetch(`${app.url}/api/v1/xapi/about`);
      expect(about.status).toBe(200);
      expect(await about.json()).toEqual({ version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} });
      expect(about.headers.get('x-experience-api-version')).toBe('1.0.3');
    });

    it('Agents answers the Person of an Agent, each identifier a list', async () => {
      const person = await call('GET', '/api/v1/xapi/agents' + query({ agent: { objectType: 'Agent', name: 'Noura', mbox: 'mailto:noura@example.edu' } }));
      expect(person.body).toEqual({ objectType: 'Person', name: ['Noura'], mbox: ['mailto:noura@example.edu'] });
      expect((await call('GET', '/api/v1/xapi/agents' + query({ agent: LEARNER }))).body).toEqual({ objectType: 'Person', account: [LEARNER.account] });
      expect((await call('GET', '/api/v1/xapi/agents')).status).toBe(400);
      const head = await call('HEAD', '/api/v1/xapi/agents' + query({ agent: LEARNER }));
      expect([head.status, head.text]).toEqual([200, '']);
    });
  });

  it('keeps every document across a restart on the same data folder', async () => {
    await app.restart();
    const state = await call('GET', STATE + query({ activityId: ACTIVITY, agent: LEARNER, stateId: 'progress' }));
    expect(state.body).toEqual({ car: { model: 'Ram' }, driver: 'Dale', lap: 3 });
    expect((await call('GET', ACTIVITY_PROFILE + query({ activityId: ACTIVITY, profileId: 'syllabus' }))).body).toEqual({ week: 2 });
    expect((await call('GET', STATE + query({ activityId: `${ACTIVITY}/list`, agent: LEARNER, registration: 'a1b2c3d4-0000-4000-8000-000000000001' }))).body).toEqual([]);
  });
});

describe('xAPI documents on two instances of one store', () => {
  let dir: string;
  let apps: AppHarness[];
  let basic: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lrs-documents-'));
    const env = { SQLITE_FILE: join(dir, 'events.sqlite') };
    apps = [await AppHarness.start('2026-09-01T08:00:00Z', env), await AppHarness.start('2026-09-01T08:00:00Z', env)];
    basic = `Basic ${Buffer.from(`lms:${await apps[0].token('integration', 'lms')}`).toString('base64')}`;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an ETag one instance answered no longer matches once the other has changed the document', async () => {
    const [one, two] = apps;
    const at = ACTIVITY_PROFILE + query({ activityId: ACTIVITY, profileId: 'shared' });
    expect((await lrs(one, basic, 'PUT', at, { json: { v: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    const seen = (await lrs(two, basic, 'GET', at)).headers.get('etag')!;
    expect((await lrs(one, basic, 'GET', at)).headers.get('etag')).toBe(seen);
    expect((await lrs(one, basic, 'PUT', at, { json: { v: 2 }, headers: { 'if-match': seen } })).status).toBe(204);
    expect((await lrs(two, basic, 'PUT', at, { json: { v: 3 }, headers: { 'if-match': seen } })).status).toBe(412);
    expect((await lrs(two, basic, 'GET', at)).body).toEqual({ v: 2 });
  });
});
