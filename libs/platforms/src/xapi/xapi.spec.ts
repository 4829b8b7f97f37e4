import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignatureError } from '../shared/signatures';
import { basicAuthPassword, parsePlayedSegments, statementFingerprint, translateStatement, translateStatements, validateStatement } from './index';
import { PLATFORM_FIXTURES } from '../../../../test/support/platform-payloads';

const PAYLOADS = path.join(PLATFORM_FIXTURES, 'xapi');
/** What the LRS route gets: the raw body, parsed. */
const statement = (file: string) => JSON.parse(fs.readFileSync(path.join(PAYLOADS, file), 'utf8'));
const RECEIVED = Date.parse('2024-06-01T00:00:00Z');
const translate = (s: unknown) => translateStatement(s, { receivedAtMs: RECEIVED });
const lmsLearner = { account: { homePage: 'https://lms.example.edu', name: '1187' } };
const LECTURE = 'https://media.example.edu/videos/ds101-week5-lecture';

describe('xAPI payloads', () => {
  it('reads the fixtures', () => {
    expect(fs.readdirSync(PAYLOADS)).toContain('joined.json');
  });

  it.each(fs.readdirSync(PAYLOADS).filter((f) => !f.startsWith('_')))('%s is a valid xAPI 1.0.3 statement', (file) => {
    expect(validateStatement(statement(file), '1.0.3')).toEqual([]);
  });

  it('joined: virtual-class.joined at the timestamp, keyed by content since BBB sends no id', () => {
    const { facts, ignored } = translate(statement('joined.json'));
    expect(ignored).toEqual([]);
    expect(facts).toEqual([
      {
        id: `xapi:sha256:${statementFingerprint(statement('joined.json'))}`,
        type: 'virtual-class.joined',
        occurredAt: '2024-02-19T22:18:57.694Z',
        platform: 'xapi',
        activity: 'https://bbb.example.edu/xapi/activities/6c7796b6-cc22-588f-9863-6053b31d310b',
        actor: { account: { homePage: 'https://bbb.example.edu', name: 'Mary Sue' } },
      },
    ]);
    expect(facts[0].id).toMatch(/^xapi:sha256:[0-9a-f]{64}$/);
  });

  it('left: virtual-class.left with an id of its own', () => {
    const [left] = translate(statement('left.json')).facts;
    const [joined] = translate(statement('joined.json')).facts;
    expect(left).toMatchObject({ type: 'virtual-class.left', occurredAt: '2024-02-19T22:19:13.713Z', activity: joined.activity, actor: joined.actor });
    expect(left.id).not.toBe(joined.id);
  });

  it('video paused: a view with progress and the played segments as ranges', () => {
    expect(translate(statement('video-paused.json')).facts).toEqual([
      {
        id: `xapi:sha256:${statementFingerprint(statement('video-paused.json'))}`,
        type: 'recorded-lecture.viewed',
        occurredAt: '2024-03-12T18:10:17.604Z',
        platform: 'xapi',
        activity: LECTURE,
        actor: lmsLearner,
        progress: 0.34,
        watchedRanges: [[0, 612.48]],
      },
    ]);
  });

  it('video completed: the ADL completed verb on a video is a view, not a submission', () => {
    const [fact] = translate(statement('video-completed.json')).facts;
    expect(fact).toMatchObject({
      id: `xapi:sha256:${statementFingerprint(statement('video-completed.json'))}`,
      type: 'recorded-lecture.viewed',
      occurredAt: '2024-03-12T18:30:34.520Z',
      activity: LECTURE,
      actor: lmsLearner,
      progress: 1,
      watchedRanges: [[0, 612.48], [612.48, 1800]],
    });
  });

  it('video played without progress or segments is ignored: a bare view would count as a full watch', () => {
    const { facts, ignored } = translate(statement('video-played.json'));
    expect(facts).toEqual([]);
    expect(ignored).toEqual([{ event: `xapi:sha256:${statementFingerprint(statement('video-played.json'))} https://w3id.org/xapi/video/verbs/played`, reason: expect.stringMatching(/progress or played-segments/) }]);
  });

  it('cmi5 completed: e-activity.submitted on the AU', () => {
    expect(translate(statement('cmi5-completed.json')).facts).toEqual([
      {
        id: `xapi:sha256:${statementFingerprint(statement('cmi5-completed.json'))}`,
        type: 'e-activity.submitted',
        occurredAt: '2016-06-09T18:47:52.984Z',
        platform: 'xapi',
        activity: 'http://example.org/cmi5/au-lms-id/4756b42214cb0cb4825b3c9b5c15053d6a6cf7f5',
        actor: { account: { homePage: 'http://example.org/', name: 'Learner' } },
      },
    ]);
  });

  it('cmi5 terminated and attended carry no fact (http-api.md lists neither)', () => {
    expect(translate(statement('cmi5-terminated.json'))).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: expect.stringMatching(/terminated|progress/) })] });
    expect(translate(statement('attended.json'))).toEqual({
      facts: [],
      ignored: [{ event: `xapi:sha256:${statementFingerprint(statement('attended.json'))} http://adlnet.gov/expapi/verbs/attended`, reason: expect.stringMatching(/no attendance/) }],
    });
  });

  it('ADL logged-in: course.accessed with the object as the course', () => {
    const login = { ...statement('cmi5-completed.json'), verb: { id: 'https://w3id.org/xapi/adl/verbs/logged-in' }, object: { id: 'https://lms.example.edu/course/view.php?id=57' } };
    expect(translate(login).facts).toEqual([expect.objectContaining({ type: 'course.accessed', course: 'https://lms.example.edu/course/view.php?id=57' })]);
    expect(translate(login).facts[0]).not.toHaveProperty('activity');
  });

  it('an mbox actor becomes an email without mailto:, a hashed one is unmatched', () => {
    const joined = statement('joined.json');
    expect(translate({ ...joined, actor: { mbox: 'mailto:mary@example.edu' } }).facts[0].actor).toEqual({ email: 'mary@example.edu' });
    const hashed = translate({ ...joined, actor: { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' } });
    expect(hashed.facts).toEqual([]);
    expect(hashed.ignored[0].reason).toMatch(/account or mbox/);
  });

  it('a statement without timestamp happened when it arrived; offsets are normalised to Z', () => {
    const { timestamp, ...undated } = statement('joined.json');
    expect(timestamp).toBeDefined();
    expect(translate(undated).facts[0].occurredAt).toBe('2024-06-01T00:00:00.000Z');
    expect(translate({ ...undated, timestamp: '2024-02-20T01:18:57.694+03:00' }).facts[0].occurredAt).toBe('2024-02-19T22:18:57.694Z');
  });

  it('malformed statements name the missing part', () => {
    expect(() => translate({ actor: {}, object: { id: 'http://x.example/a' } })).toThrow(/verb\.id/);
    expect(() => translate({ actor: {}, verb: { id: 'http://activitystrea.ms/join' } })).toThrow(/object/);
    expect(() => translate({ ...statement('joined.json'), timestamp: 'yesterday' })).toThrow(/timestamp/);
  });
});

describe('xAPI duplicates', () => {
  it('the same statement twice gets the same fact id', () => {
    for (const file of ['joined.json', 'video-paused.json']) {
      expect(translate(statement(file)).facts[0].id).toBe(translate(statement(file)).facts[0].id);
    }
  });

  it('a resend under another id, or with its keys in another order, is the same fact', () => {
    const original = statement('joined.json');
    const reordered = Object.fromEntries(Object.entries({ ...original, id: '0f0e0d0c-0b0a-4908-8706-050403020100' }).reverse());
    expect(translate(reordered).facts[0].id).toBe(translate(original).facts[0].id);
  });

  it('statements that differ in anything but id, stored and authority are different facts (their context, a display name)', () => {
    const original = statement('joined.json');
    const id = (s: unknown) => translate(s).facts[0].id;
    expect(id({ ...original, context: { registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7' } })).not.toBe(id(original));
    expect(id({ ...original, verb: { ...original.verb, display: { en: 'joined the class' } } })).not.toBe(id(original));
    expect(id({ ...original, stored: '2024-02-20T00:00:00Z', authority: { account: { homePage: 'https://lrs.example', name: 'x' } } })).toBe(id(original));
  });

  it('a different time, actor or result is a different fact', () => {
    const original = statement('joined.json');
    const id = (s: unknown) => translate(s).facts[0].id;
    expect(id({ ...original, timestamp: '2024-02-19T22:18:58.694Z' })).not.toBe(id(original));
    expect(id({ ...original, actor: { account: { homePage: 'https://bbb.example.edu', name: 'Other' } } })).not.toBe(id(original));
    expect(id({ ...original, result: { duration: 'PT1S' } })).not.toBe(id(original));
  });

  it('a batch translates statement by statement', () => {
    const batch = translateStatements([statement('joined.json'), statement('attended.json'), statement('left.json')], { receivedAtMs: RECEIVED });
    expect(batch.facts.map((f) => f.type)).toEqual(['virtual-class.joined', 'virtual-class.left']);
    expect(batch.ignored).toHaveLength(1);
  });
});

describe('played-segments', () => {
  it('parses segments, orders reversed bounds and drops malformed ones', () => {
    expect(parsePlayedSegments('0[.]12.5[,]20[.]30')).toEqual([[0, 12.5], [20, 30]]);
    expect(parsePlayedSegments('30[.]20[,]x[.]4[,]5[,]7[.]9')).toEqual([[20, 30], [7, 9]]);
    expect(parsePlayedSegments('')).toEqual([]);
    expect(parsePlayedSegments(12)).toEqual([]);
  });

  it('a progress outside 0..1 is dropped; segments alone still make a view', () => {
    const paused = statement('video-paused.json');
    paused.result.extensions['https://w3id.org/xapi/video/extensions/progress'] = 34;
    const [fact] = translate(paused).facts;
    expect(fact).not.toHaveProperty('progress');
    expect(fact.watchedRanges).toEqual([[0, 612.48]]);
  });
});

describe('xAPI Basic auth', () => {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('answers the password, whatever the user name', () => {
    expect(basicAuthPassword(basic('moodle:tok-123'))).toBe('tok-123');
    expect(basicAuthPassword(basic(':tok:with:colons'))).toBe('tok:with:colons');
  });

  it('refuses a missing, empty or non-Basic credential', () => {
    expect(() => basicAuthPassword(undefined)).toThrow(SignatureError);
    expect(() => basicAuthPassword('Bearer tok-123')).toThrow(SignatureError);
    expect(() => basicAuthPassword(basic('moodle:'))).toThrow(SignatureError);
    expect(() => basicAuthPassword(basic('no-colon'))).toThrow(SignatureError);
  });
});
