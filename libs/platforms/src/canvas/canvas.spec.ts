import { createSign, generateKeyPairSync, JsonWebKey, KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignatureError } from '../shared/signatures';
import { translateCanvasCaliperEvent, translateCanvasEvent, translateCanvasLiveEvent, verifyCanvasSigned } from './index';
import { PLATFORM_FIXTURES } from '../../../../test/support/platform-payloads';

const PAYLOADS = PLATFORM_FIXTURES;
const payload = (folder: 'canvas' | 'canvas-caliper', file: string) => JSON.parse(fs.readFileSync(path.join(PAYLOADS, folder, file), 'utf8'));
const NOW = Date.parse('2019-11-02T00:00:00Z');

/**
 * The manifests give no signing key or signed body, so the test plays Instructure: a key pair of
 * its own, the public half in the JWKS the route would load from CANVAS_JWKS_FILE.
 */
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = (key: KeyObject, kid: string): JsonWebKey => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig' });
const JWKS = { keys: [jwk(rsa.publicKey, 'canvas-2019-10'), jwk(ec.publicKey, 'canvas-2019-11')] };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(claims: unknown, { kid = 'canvas-2019-10', key = rsa.privateKey, alg = 'RS256' } = {}): string {
  const input = `${b64url({ alg, kid, typ: 'JWT' })}.${b64url(claims)}`;
  const signature = createSign('SHA256').update(input).sign(alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}
const signed = (event: unknown) => ({ iss: 'https://live-events.canvas.instructure.com', iat: NOW / 1000 - 5, exp: NOW / 1000 + 300, ...(event as object) });
/** What the route does: verify the signed body against the JWKS, then translate either format. */
const deliver = (rawBody: string) => translateCanvasLiveEvent(verifyCanvasSigned(rawBody, JWKS, NOW));

describe('Canvas signed payloads', () => {
  it('answers the event without the JWT claims, for RS256 and ES256 keys', () => {
    const event = payload('canvas', 'quiz_submitted.json');
    expect(verifyCanvasSigned(sign(signed(event)), JWKS, NOW)).toEqual(event);
    expect(verifyCanvasSigned(sign(signed(event), { kid: 'canvas-2019-11', key: ec.privateKey, alg: 'ES256' }), JWKS, NOW)).toEqual(event);
  });

  it('a tampered body, another key, an unknown kid or an expired token is a SignatureError', () => {
    const token = sign(signed(payload('canvas', 'quiz_submitted.json')));
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64url(signed({ ...payload('canvas', 'quiz_submitted.json'), body: { quiz_id: '1', submission_id: '2' } }))}.${signature}`;
    expect(() => verifyCanvasSigned(forged, JWKS, NOW)).toThrow(SignatureError);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(() => verifyCanvasSigned(sign(signed({}), { key: stranger }), JWKS, NOW)).toThrow(SignatureError);
    expect(() => verifyCanvasSigned(sign(signed({}), { kid: 'canvas-2020-01' }), JWKS, NOW)).toThrow(/kid/);
    expect(() => verifyCanvasSigned(token, JWKS, NOW + 3_600_000)).toThrow(/expired/);
  });

  it('an unsigned body, alg none or HS256 is refused', () => {
    const event = payload('canvas', 'logged_in.json');
    expect(() => verifyCanvasSigned(JSON.stringify(event), JWKS, NOW)).toThrow(SignatureError);
    expect(() => verifyCanvasSigned(`${b64url({ alg: 'none' })}.${b64url(event)}.`, JWKS, NOW)).toThrow(SignatureError);
    expect(() => verifyCanvasSigned(`${b64url({ alg: 'HS256', kid: 'canvas-2019-10' })}.${b64url(event)}.c2ln`, JWKS, NOW)).toThrow(SignatureError);
    expect(() => verifyCanvasSigned(sign(signed(event)), { keys: [] }, NOW)).toThrow(SignatureError);
  });
});

describe('Canvas format', () => {
  const deliverCanvas = (file: string) => deliver(sign(signed(payload('canvas', file))));

  it('asset_accessed on a course page: course.accessed on the course', () => {
    expect(deliverCanvas('asset_accessed.json')).toEqual({
      facts: [
        {
          id: 'canvas:asset_accessed:21070000000000001:2019-11-01T00:09:06.753Z:21070000000000144',
          type: 'course.accessed',
          occurredAt: '2019-11-01T00:09:06.753Z',
          platform: 'canvas',
          course: '21070000000000144',
          actor: { userId: '21070000000000001' },
        },
      ],
      ignored: [],
    });
  });

  it('asset_accessed on any other asset: a view of the asset', () => {
    const file = payload('canvas', 'asset_accessed.json');
    file.body = { ...file.body, asset_type: 'attachment', asset_id: '21070000000000777', asset_subtype: null };
    expect(translateCanvasEvent(file).facts).toEqual([
      {
        id: 'canvas:asset_accessed:21070000000000001:2019-11-01T00:09:06.753Z:21070000000000777',
        type: 'recorded-lecture.viewed',
        occurredAt: '2019-11-01T00:09:06.753Z',
        platform: 'canvas',
        activity: '21070000000000777',
        actor: { userId: '21070000000000001' },
      },
    ]);
  });

  it.each([
    ['submission_created.json', '21070000001234012', '21070000000014012', '2019-11-01T19:11:21.419Z', '21070000012345567'],
    ['quiz_submitted.json', '11210000002223333', '21070000000987123', '2019-11-01T19:11:33.388Z', '11210000013995723'],
    ['discussion_entry_created.json', '123456', '21070000000098765', '2019-11-01T19:11:03.933Z', '2134567'],
  ])('%s: e-activity.submitted', (file, activity, userId, occurredAt, record) => {
    const name = file.replace('.json', '');
    expect(deliverCanvas(file).facts).toEqual([
      { id: `canvas:${name}:${userId}:${occurredAt}:${record}`, type: 'e-activity.submitted', occurredAt, platform: 'canvas', activity, actor: { userId } },
    ]);
  });

  it('the global metadata.user_id wins over a shard-local body.user_id, but a submission is its submitter\'s', () => {
    expect(deliverCanvas('discussion_entry_created.json').facts[0].actor.userId).toBe('21070000000098765');
    const byTeacher = payload('canvas', 'submission_created.json');
    byTeacher.metadata.user_id = '21070000000000002';
    expect(translateCanvasEvent(byTeacher).facts[0].actor.userId).toBe('21070000000014012');
  });

  it('logged_in without a course context is ignored; in a course it is a course access', () => {
    expect(deliverCanvas('logged_in.json')).toEqual({
      facts: [],
      ignored: [{ event: 'canvas:logged_in:21070000000000001:2019-11-01T19:11:01.335Z:-', reason: 'a login to Canvas, not to a course' }],
    });
    const inCourse = payload('canvas', 'logged_in.json');
    Object.assign(inCourse.metadata, { context_type: 'Course', context_id: '21070000000000565' });
    expect(translateCanvasEvent(inCourse).facts).toEqual([expect.objectContaining({ type: 'course.accessed', course: '21070000000000565', actor: { userId: '21070000000000001' } })]);
  });

  it('an event without any user is ignored, other events too', () => {
    const anonymous = payload('canvas', 'quiz_submitted.json');
    delete anonymous.metadata.user_id;
    expect(translateCanvasEvent(anonymous).ignored).toEqual([expect.objectContaining({ reason: expect.stringMatching(/user_id/) })]);
    const other = payload('canvas', 'quiz_submitted.json');
    other.metadata.event_name = 'grade_change';
    expect(translateCanvasEvent(other)).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: 'grade_change carries no attendance' })] });
  });

  it('the same event delivered twice (a retry) gets the same id', () => {
    for (const file of ['asset_accessed.json', 'submission_created.json']) {
      expect(deliverCanvas(file).facts[0].id).toBe(deliverCanvas(file).facts[0].id);
    }
  });

  it('malformed events name the field', () => {
    const quiz = payload('canvas', 'quiz_submitted.json');
    expect(() => translateCanvasEvent({ ...quiz, body: {} })).toThrow(/body\.quiz_id/);
    expect(() => translateCanvasEvent({ ...quiz, metadata: { ...quiz.metadata, event_time: 'later' } })).toThrow(/metadata\.event_time/);
    expect(() => translateCanvasEvent({ body: quiz.body })).toThrow(/metadata/);
    expect(() => translateCanvasLiveEvent({ hello: 1 })).toThrow(/metadata/);
  });
});

describe('Canvas Caliper format', () => {
  const deliverCaliper = (file: string) => deliver(sign(signed(payload('canvas-caliper', file))));

  it('asset_accessed (NavigationEvent): a view of the assignment, ids without the urn', () => {
    expect(deliverCaliper('asset_accessed.json')).toEqual({
      facts: [
        {
          id: 'canvas:urn:uuid:d71bd983-d03a-4ef8-8701-71cfa7889eaf',
          type: 'recorded-lecture.viewed',
          occurredAt: '2019-11-01T00:09:06.700Z',
          platform: 'canvas',
          activity: '21070000000000144',
          actor: { userId: '21070000000000001' },
        },
      ],
      ignored: [],
    });
  });

  it.each([
    ['submission_created.json', 'urn:uuid:bd9dedcf-6fd9-4605-82d6-325c4e2adaf6', '2019-11-01T19:11:21.419Z'],
    ['quiz_submitted.json', 'urn:uuid:06e01cb6-fdde-4327-b3f0-4c47a95d0f52', '2019-11-01T19:11:33.388Z'],
    ['discussion_entry_created.json', 'urn:uuid:9cc50e7d-2cf0-4ba7-a35f-c299cc7a6ca3', '2019-11-01T19:11:03.933Z'],
  ])('%s: the same submission as the Canvas format, keyed by the event id', (file, eventId, occurredAt) => {
    const [caliper] = deliverCaliper(file).facts;
    const [canvas] = translateCanvasEvent(payload('canvas', file)).facts;
    expect(caliper).toEqual({ ...canvas, id: `canvas:${eventId}`, occurredAt });
  });

  it('logged_in (SessionEvent LoggedIn) names no course and is ignored', () => {
    expect(deliverCaliper('logged_in.json')).toEqual({
      facts: [],
      ignored: [{ event: 'urn:uuid:2b6d64bf-5b31-4e2f-b389-c6ebcb232407 SessionEvent LoggedIn', reason: 'SessionEvent LoggedIn names no course (group)' }],
    });
  });

  it('the same envelope twice gets the same id', () => {
    expect(deliverCaliper('quiz_submitted.json').facts[0].id).toBe(deliverCaliper('quiz_submitted.json').facts[0].id);
  });

  it('can be translated without the dispatcher', () => {
    expect(translateCanvasCaliperEvent(payload('canvas-caliper', 'quiz_submitted.json')).facts[0].activity).toBe('11210000002223333');
  });
});
