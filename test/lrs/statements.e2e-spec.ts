import { createHash, generateKeyPairSync, createSign } from 'node:crypto';
import { AppHarness } from '../support/app-harness';

/**
 * The LRS's Statement resource (xAPI 1.0.3 Communication §2.1, Data §2.3–2.6) through HTTP on the
 * real service: ids, queries with `more`, voiding, attachments, signatures, the alternate syntax.
 */

const PATH = '/api/v1/xapi/statements';
const MARY = { objectType: 'Agent', mbox: 'mailto:mary@example.edu' };
const OMAR = { objectType: 'Agent', account: { homePage: 'https://lms.example.edu', name: 'omar' } };
const ATTENDED = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-US': 'attended', ar: 'حضر' } };
const EXPERIENCED = { id: 'http://adlnet.gov/expapi/verbs/experienced' };
const VOIDED = { id: 'http://adlnet.gov/expapi/verbs/voided' };
const COURSE = 'http://example.edu/courses/cs101';
const statement = (actor: unknown, verb: unknown, activity: string, extra: Record<string, unknown> = {}) => ({ actor, verb, object: { objectType: 'Activity', id: activity }, ...extra });

describe('the LRS statement resource', () => {
  let app: AppHarness;
  let basic: string;
  const send = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(app.url + PATH + path, { method, body, headers: { authorization: basic, 'x-experience-api-version': '1.0.3', ...headers } }).then(async (r) => {
      const text = await r.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: r.status, text, json, headers: r.headers };
    });
  const post = (body: unknown) => send('POST', '', JSON.stringify(body), { 'content-type': 'application/json' });
  const get = (query: Record<string, string>) => send('GET', `?${new URLSearchParams(query)}`);

  beforeAll(async () => {
    app = await AppHarness.start('2026-10-01T08:00:00Z');
    basic = `Basic ${Buffer.from(`lms:${await app.token('integration', 'lms')}`).toString('base64')}`;
  });
  afterAll(() => app.close());

  it('gives each statement without an id a fresh one: two statements that differ only in context are both stored', async () => {
    const registration = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
    const a = statement(MARY, ATTENDED, COURSE, { context: { registration } });
    const b = statement(MARY, ATTENDED, COURSE, { context: { registration: '0b6a3f1e-0d2c-4e8b-9a7f-6c5d4e3b2a10' } });
    const stored = await post([a, b]);
    expect(stored.status).toBe(200);
    expect(new Set(stored.json).size).toBe(2);
    const first = await get({ statementId: stored.json[0] });
    expect(first.json).toMatchObject({ id: stored.json[0], context: { registration }, version: '1.0.0', stored: '2026-10-01T08:00:00.000Z', timestamp: '2026-10-01T08:00:00.000Z' });
    expect(first.headers.get('x-experience-api-consistent-through')).toBe('2026-10-01T08:00:00.000Z');
  });

  it('answers queries by agent, verb, activity and registration, related ones broadly, newest first, in pages linked by more', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await post(statement(OMAR, EXPERIENCED, `${COURSE}/unit-${i}`, { context: { contextActivities: { parent: { id: COURSE } } } }))).json);
    const byAgent = await get({ agent: JSON.stringify(OMAR), limit: '2' });
    expect(byAgent.json.statements.map((s: { id: string }) => s.id)).toEqual([ids[4], ids[3]]);
    const page2 = await send('GET', byAgent.json.more.slice(PATH.length));
    expect(page2.json.statements.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const page3 = await send('GET', page2.json.more.slice(PATH.length));
    expect(page3.json).toEqual({ statements: [expect.objectContaining({ id: ids[0] })], more: '' });
    // A single statement's contextActivities are answered as arrays.
    expect(page3.json.statements[0].context.contextActivities.parent).toEqual([{ id: COURSE }]);
    expect((await get({ activity: COURSE, verb: EXPERIENCED.id })).json.statements).toHaveLength(0);
    expect((await get({ activity: COURSE, verb: EXPERIENCED.id, related_activities: 'true' })).json.statements).toHaveLength(5);
    expect((await get({ registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7' })).json.statements).toHaveLength(1);
    expect((await get({ agent: JSON.stringify(OMAR), ascending: 'true', limit: '1' })).json.statements[0].id).toBe(ids[0]);
  });

  it('formats: ids keeps identifiers only; canonical keeps the language the reader asks for', async () => {
    const [id] = (await post(statement({ ...MARY, name: 'Mary' }, ATTENDED, `${COURSE}/lab`))).json;
    const ids = await get({ statementId: id, format: 'ids' });
    expect(ids.json.actor).toEqual(MARY);
    expect(ids.json.verb).toEqual({ id: ATTENDED.id });
    expect(ids.json.object).toEqual({ id: `${COURSE}/lab` });
    const canonical = await send('GET', `?statementId=${id}&format=canonical`, undefined, { 'accept-language': 'ar' });
    expect(canonical.json.verb.display).toEqual({ ar: 'حضر' });
  });

  it('voids: a voided statement is gone from queries and by statementId, found by voidedStatementId; a voiding statement cannot be voided', async () => {
    const [target] = (await post(statement(MARY, ATTENDED, `${COURSE}/void-me`))).json;
    const [voiding] = (await post({ actor: MARY, verb: VOIDED, object: { objectType: 'StatementRef', id: target } })).json;
    expect((await get({ statementId: target })).status).toBe(404);
    expect((await get({ voidedStatementId: target })).json.id).toBe(target);
    expect((await get({ activity: `${COURSE}/void-me` })).json.statements.map((s: { id: string }) => s.id)).toEqual([voiding]);
    const again = await post({ actor: MARY, verb: VOIDED, object: { objectType: 'StatementRef', id: voiding } });
    expect(again.status).toBe(400);
    expect(again.json.message).toContain('object.id');
  });

  it('refuses what the specification refuses, naming the parameter or field, and stores nothing', async () => {
    const before = (await get({})).json.statements.length;
    expect((await get({ statementId: '0b6a3f1e-0d2c-4e8b-9a7f-6c5d4e3b2a10', verb: ATTENDED.id })).json.message).toContain('verb');
    expect((await send('GET', '', undefined, { 'x-experience-api-version': '' })).status).toBe(400);
    expect((await get({ agent: '{"name":"nobody"}' })).json.message).toContain('agent');
    expect((await get({ since: 'yesterday' })).json.message).toContain('since');
    expect((await post(statement(MARY, ATTENDED, COURSE, { context: { revision: 'r1' }, object: { objectType: 'StatementRef', id: '0b6a3f1e-0d2c-4e8b-9a7f-6c5d4e3b2a10' } }))).json.message).toContain('revision');
    expect((await send('POST', '', 'x', { 'content-type': 'text/plain' })).status).toBe(400);
    const put = await send('PUT', '?statementId=0b6a3f1e-0d2c-4e8b-9a7f-6c5d4e3b2a10', JSON.stringify({ ...statement(MARY, ATTENDED, COURSE), id: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7' }), { 'content-type': 'application/json' });
    expect(put.json.message).toContain('id');
    expect((await get({})).json.statements.length).toBe(before);
  });

  it('takes attachments as multipart/mixed and answers them with attachments=true; an undeclared or missing part is refused', async () => {
    const content = Buffer.from('a medical note, in bytes');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const withAttachment = statement(MARY, ATTENDED, `${COURSE}/with-file`, {
      attachments: [{ usageType: 'http://example.edu/note', display: { en: 'note' }, contentType: 'text/plain', length: content.length, sha2 }],
    });
    const multipart = (parts: Array<{ headers: Record<string, string>; body: Buffer }>) =>
      Buffer.concat([...parts.flatMap((p) => [Buffer.from(`--b0\r\n${Object.entries(p.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`), p.body, Buffer.from('\r\n')]), Buffer.from('--b0--\r\n')]);
    const statementsPart = { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify([withAttachment])) };
    const filePart = { headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha2 }, body: content };
    const type = { 'content-type': 'multipart/mixed; boundary=b0' };
    expect((await send('POST', '', multipart([statementsPart]), type)).json.message).toContain('attachments[0]');
    expect((await send('POST', '', JSON.stringify([withAttachment]), { 'content-type': 'application/json' })).status).toBe(400);
    const stored = await send('POST', '', multipart([statementsPart, filePart]), type);
    expect(stored.status).toBe(200);
    const answer = await send('GET', `?statementId=${stored.json[0]}&attachments=true`);
    expect(answer.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    expect(answer.text).toContain(`X-Experience-API-Hash: ${sha2}`);
    expect(answer.text).toContain('a medical note, in bytes');
  });

  it('checks a signed statement: its signature must be a JWS of this statement', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signed = statement(MARY, ATTENDED, `${COURSE}/signed`);
    const jws = (payload: unknown) => {
      const head = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url')}`;
    };
    const sendSigned = (signature: string) => {
      const bytes = Buffer.from(signature);
      const sha2 = createHash('sha256').update(bytes).digest('hex');
      const full = { ...signed, attachments: [{ usageType: 'http://adlnet.gov/expapi/attachments/signature', display: { en: 'signature' }, contentType: 'application/octet-stream', length: bytes.length, sha2 }] };
      const body = Buffer.concat([
        Buffer.from(`--s1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(full)}\r\n--s1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
        bytes,
        Buffer.from('\r\n--s1--\r\n'),
      ]);
      return send('POST', '', body, { 'content-type': 'multipart/mixed; boundary=s1' });
    };
    expect((await sendSigned(jws(signed))).status).toBe(200);
    const tampered = await sendSigned(jws({ ...signed, verb: EXPERIENCED }));
    expect(tampered.status).toBe(400);
    expect(tampered.json.message).toContain('payload');
  });

  it('takes the alternate request syntax: a PUT sent as a form POST', async () => {
    const id = '5f1d9a7c-2b3e-4c5d-8e9f-0a1b2c3d4e5f';
    const form = new URLSearchParams({ statementId: id, content: JSON.stringify(statement(MARY, ATTENDED, `${COURSE}/form`)), Authorization: basic, 'X-Experience-API-Version': '1.0.3' });
    const response = await fetch(`${app.url}${PATH}?method=PUT`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(204);
    expect((await get({ statementId: id })).json.object.id).toBe(`${COURSE}/form`);
  });
});
