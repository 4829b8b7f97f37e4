import { createHash } from 'node:crypto';
import { SignatureError } from '../shared/signatures';
import { bbbDeliveryKind, closeOpenIntervals, translateBbbWebhook, verifyBbbRecordingReadyCallback, verifyBbbWebhook } from './index';
import { payloadText as fixtureText, vector } from '../../../../test/support/platform-payloads';

const payloadText = (file: string) => fixtureText('bigbluebutton', file);
const vectorOf = (file: string) => vector('bigbluebutton', file);

const SECRET = 'bbb-test-shared-secret';
const CALLBACK_URL = 'https://attendance.example.edu/hooks/bbb';
const INTERNAL_MEETING = '8043c8452ae9830aac14c517adff3839dbd9228f-1698771157700';

/** Builds the body the way bbb-webhooks' callback-emitter does (URLSearchParams, event wrapped in an array). */
const formBody = (events: unknown[], timestamp = 1708381137700) =>
  new URLSearchParams({ domain: 'bbb.example.edu', event: '[' + events.map((e) => JSON.stringify(e)).join(',') + ']', timestamp: String(timestamp) }).toString();
const bodyOf = (file: string) => formBody([JSON.parse(payloadText(file))]);
const sha1Checksum = (body: string, secret = SECRET) => createHash('sha1').update(CALLBACK_URL + body + secret).digest('hex');
const sortedIds = (facts: Array<{ id: string }>) => facts.map((f) => f.id).sort();

describe('the fixtures', () => {
  it('the test body builder reproduces the manifest raw body byte for byte', () => {
    expect(bodyOf('user-joined.json')).toBe(vectorOf('user-joined.json').raw_body);
  });
});

describe('verifyBbbWebhook', () => {
  for (const file of ['user-joined.json', 'meeting-ended.json']) {
    const vector = vectorOf(file);

    it(`${file}: accepts the manifest sha1 and sha256 checksums`, () => {
      expect(vector.callback_url_as_registered).toBe(CALLBACK_URL);
      for (const checksum of [vector.checksum_sha1, vector.checksum_sha256]) {
        expect(() => verifyBbbWebhook({ rawBody: vector.raw_body, callbackUrl: CALLBACK_URL, checksum, sharedSecret: vector.shared_secret })).not.toThrow();
      }
    });

    it(`${file}: accepts the checksum over a Buffer body and in upper case`, () => {
      const checksum = vector.checksum_sha1.toUpperCase();
      expect(() => verifyBbbWebhook({ rawBody: Buffer.from(vector.raw_body), callbackUrl: CALLBACK_URL, checksum, sharedSecret: SECRET })).not.toThrow();
    });

    it(`${file}: accepts sha384 and sha512 checksums, chosen by length`, () => {
      for (const algorithm of ['sha384', 'sha512']) {
        const checksum = createHash(algorithm).update(CALLBACK_URL + vector.raw_body + SECRET).digest('hex');
        expect(() => verifyBbbWebhook({ rawBody: vector.raw_body, callbackUrl: CALLBACK_URL, checksum, sharedSecret: SECRET })).not.toThrow();
      }
    });

    it(`${file}: accepts the bearer-mode header from the manifest`, () => {
      const authorization = vector.bearer_mode_header.replace(/^Authorization: /, '');
      expect(() => verifyBbbWebhook({ rawBody: vector.raw_body, callbackUrl: CALLBACK_URL, authorization, sharedSecret: SECRET })).not.toThrow();
    });

    it(`${file}: rejects the manifest checksum under a wrong secret, a changed body or another callback URL`, () => {
      const checksum = vector.checksum_sha1;
      const attempts = [
        { rawBody: vector.raw_body, callbackUrl: CALLBACK_URL, checksum, sharedSecret: 'wrong-secret' },
        { rawBody: vector.raw_body.replace('timestamp=17', 'timestamp=18'), callbackUrl: CALLBACK_URL, checksum, sharedSecret: SECRET },
        { rawBody: vector.raw_body, callbackUrl: `${CALLBACK_URL}/`, checksum, sharedSecret: SECRET },
      ];
      for (const attempt of attempts) expect(() => verifyBbbWebhook(attempt)).toThrow(SignatureError);
    });

    it(`${file}: rejects a wrong bearer secret`, () => {
      expect(() => verifyBbbWebhook({ rawBody: vector.raw_body, callbackUrl: CALLBACK_URL, authorization: 'Bearer wrong-secret', sharedSecret: SECRET })).toThrow(SignatureError);
    });
  }

  it('rejects a request with neither checksum nor Authorization', () => {
    expect(() => verifyBbbWebhook({ rawBody: 'event=[]', callbackUrl: CALLBACK_URL, sharedSecret: SECRET })).toThrow(SignatureError);
  });

  it('rejects a checksum whose length fits no algorithm', () => {
    expect(() => verifyBbbWebhook({ rawBody: 'event=[]', callbackUrl: CALLBACK_URL, checksum: 'abc123', sharedSecret: SECRET })).toThrow(/matches no known algorithm/);
  });

  it('rejects a bearer credential that is not of the Bearer scheme', () => {
    expect(() => verifyBbbWebhook({ rawBody: 'event=[]', callbackUrl: CALLBACK_URL, authorization: `Basic ${SECRET}`, sharedSecret: SECRET })).toThrow(SignatureError);
  });

  it('refuses everything when no shared secret is configured', () => {
    expect(() => verifyBbbWebhook({ rawBody: 'x', callbackUrl: CALLBACK_URL, authorization: 'Bearer ', sharedSecret: '' })).toThrow(SignatureError);
  });

  for (const file of ['user-left.json', 'meeting-created.json', 'rap-archive-ended.json', 'rap-publish-ended.json', 'user-joined.raw.json']) {
    it(`${file}: a correctly signed delivery passes, the same under a wrong secret does not`, () => {
      const rawBody = bodyOf(file);
      expect(() => verifyBbbWebhook({ rawBody, callbackUrl: CALLBACK_URL, checksum: sha1Checksum(rawBody), sharedSecret: SECRET })).not.toThrow();
      expect(() => verifyBbbWebhook({ rawBody, callbackUrl: CALLBACK_URL, checksum: sha1Checksum(rawBody, 'other'), sharedSecret: SECRET })).toThrow(SignatureError);
    });
  }
});

describe('translateBbbWebhook: mapped events', () => {
  it('user-joined (manifest raw body) becomes a joined fact at event.ts for the external meeting and user', () => {
    const { facts, ignored, meetingsEnded } = translateBbbWebhook(vectorOf('user-joined.json').raw_body);
    expect(facts).toEqual([
      {
        id: `bbb:${INTERNAL_MEETING}:w_uxw0dzhtvk0l:virtual-class.joined:1708381137694`,
        type: 'virtual-class.joined',
        occurredAt: '2024-02-19T22:18:57.694Z',
        platform: 'bigbluebutton',
        activity: 'random-9019868',
        actor: { userId: 'w_uxw0dzhtvk0l' },
      },
    ]);
    expect(ignored).toEqual([]);
    expect(meetingsEnded).toEqual([]);
  });

  it('user-left becomes a left fact at event.ts', () => {
    const { facts } = translateBbbWebhook(bodyOf('user-left.json'));
    expect(facts).toEqual([
      {
        id: `bbb:${INTERNAL_MEETING}:w_uxw0dzhtvk0l:virtual-class.left:1708381153713`,
        type: 'virtual-class.left',
        occurredAt: '2024-02-19T22:19:13.713Z',
        platform: 'bigbluebutton',
        activity: 'random-9019868',
        actor: { userId: 'w_uxw0dzhtvk0l' },
      },
    ]);
  });

  it('meeting-ended (manifest raw body) gives no facts but reports the end for closeOpenIntervals', () => {
    const { facts, ignored, meetingsEnded } = translateBbbWebhook(vectorOf('meeting-ended.json').raw_body);
    expect(facts).toEqual([]);
    expect(meetingsEnded).toEqual([{ activity: 'random-9019868', internalMeetingId: INTERNAL_MEETING, endedAt: '2024-02-19T22:19:15.717Z' }]);
    expect(ignored).toEqual([{ event: 'meeting-ended', reason: expect.stringContaining('closeOpenIntervals') }]);
  });

  for (const [file, event, reason] of [
    ['meeting-created.json', 'meeting-created', /meeting opening/],
    ['rap-archive-ended.json', 'rap-archive-ended', /recording-processing/],
    ['rap-publish-ended.json', 'rap-publish-ended', /recording-processing/],
  ] as const) {
    it(`${file} carries no attendance and is ignored with a reason`, () => {
      const { facts, ignored, meetingsEnded } = translateBbbWebhook(bodyOf(file));
      expect(facts).toEqual([]);
      expect(meetingsEnded).toEqual([]);
      expect(ignored).toEqual([{ event, reason: expect.stringMatching(reason) }]);
    });
  }

  it('takes the internal user id when bbb-webhooks sent an empty external-user-id', () => {
    const event = JSON.parse(payloadText('user-left.json'));
    event.data.attributes.user['external-user-id'] = '';
    expect(translateBbbWebhook(formBody([event])).facts[0].actor).toEqual({ userId: 'w_uxw0dzhtvk0l' });
  });

  it('recognises a meeting without external id from the known external ids (sha1 prefix of the internal id)', () => {
    const event = JSON.parse(payloadText('user-left.json'));
    delete event.data.attributes.meeting['external-meeting-id'];
    expect(translateBbbWebhook(formBody([event])).facts[0].activity).toBe(INTERNAL_MEETING);
    const known = { knownExternalMeetingIds: ['another-room', 'random-9019868'] };
    expect(translateBbbWebhook(formBody([event]), known).facts[0].activity).toBe('random-9019868');
  });

  it('accepts the documented bare event (no array wrapper) as well', () => {
    const body = new URLSearchParams({ domain: 'bbb.example.edu', event: payloadText('user-left.json'), timestamp: '1' }).toString();
    expect(translateBbbWebhook(body).facts.map((f) => f.type)).toEqual(['virtual-class.left']);
  });
});

describe('translateBbbWebhook: raw events (getRaw=true)', () => {
  it('user-joined.raw.json becomes a joined fact at the BBB time (envelope.timestamp) for extId', () => {
    const { facts } = translateBbbWebhook(bodyOf('user-joined.raw.json'), { knownExternalMeetingIds: ['random-9019868'] });
    expect(facts).toEqual([
      {
        id: `bbb:${INTERNAL_MEETING}:w_xfsb9gxtlfom:virtual-class.joined:1698771164638`,
        type: 'virtual-class.joined',
        occurredAt: '2023-10-31T16:52:44.638Z',
        platform: 'bigbluebutton',
        activity: 'random-9019868',
        actor: { userId: 'w_xfsb9gxtlfom' },
      },
    ]);
  });

  it('without known external ids the raw event names the internal meeting', () => {
    expect(translateBbbWebhook(bodyOf('user-joined.raw.json')).facts[0].activity).toBe(INTERNAL_MEETING);
  });

  it('a raw leave (no extId) is a left fact for the internal user id', () => {
    const joined = JSON.parse(payloadText('user-joined.raw.json'));
    const left = {
      envelope: { ...joined.envelope, name: 'UserLeftMeetingEvtMsg', timestamp: 1698772360000 },
      core: { header: { ...joined.core.header, name: 'UserLeftMeetingEvtMsg' }, body: { intId: 'w_xfsb9gxtlfom', eject: false } },
    };
    expect(translateBbbWebhook(formBody([left])).facts).toEqual([
      expect.objectContaining({ type: 'virtual-class.left', occurredAt: '2023-10-31T17:12:40.000Z', actor: { userId: 'w_xfsb9gxtlfom' } }),
    ]);
  });

  it('a raw MeetingDestroyedEvtMsg reports the end', () => {
    const ended = { envelope: { name: 'MeetingDestroyedEvtMsg', routing: { meetingId: INTERNAL_MEETING }, timestamp: 1698772360000 }, core: { header: {}, body: { meetingId: INTERNAL_MEETING } } };
    expect(translateBbbWebhook(formBody([ended])).meetingsEnded).toEqual([{ activity: INTERNAL_MEETING, internalMeetingId: INTERNAL_MEETING, endedAt: '2023-10-31T17:12:40.000Z' }]);
  });
});

describe('translateBbbWebhook: redelivery, order and malformed bodies', () => {
  it('a redelivered event (same body, as bbb-webhooks retries) gets the same fact ids', () => {
    const body = vectorOf('user-joined.json').raw_body;
    expect(translateBbbWebhook(body).facts).toEqual(translateBbbWebhook(body).facts);
  });

  it('left delivered before joined gives the same set of facts as joined then left', () => {
    const joined = JSON.parse(payloadText('user-joined.json'));
    const left = JSON.parse(payloadText('user-left.json'));
    const inOrder = [...translateBbbWebhook(formBody([joined])).facts, ...translateBbbWebhook(formBody([left])).facts];
    const reversed = translateBbbWebhook(formBody([left, joined])).facts;
    expect(sortedIds(reversed)).toEqual(sortedIds(inOrder));
    expect(reversed).toHaveLength(2);
  });

  it('a body without an event field is malformed, not a signature problem', () => {
    expect(() => translateBbbWebhook('domain=bbb.example.edu&timestamp=1')).toThrow(/no "event" field/);
    expect(() => translateBbbWebhook('domain=bbb.example.edu&timestamp=1')).not.toThrow(SignatureError);
  });

  it('an event field that is not JSON is malformed', () => {
    expect(() => translateBbbWebhook('event=%5Bnot-json')).toThrow(/not JSON/);
  });

  it('a user event without a user or a timestamp is malformed', () => {
    const noUser = JSON.parse(payloadText('user-left.json'));
    delete noUser.data.attributes.user;
    expect(() => translateBbbWebhook(formBody([noUser]))).toThrow(/internal-user-id/);
    const noTime = JSON.parse(payloadText('user-left.json'));
    delete noTime.data.event;
    expect(() => translateBbbWebhook(formBody([noTime]))).toThrow(/timestamp/);
  });

  it('an event that is neither mapped nor raw is malformed', () => {
    expect(() => translateBbbWebhook(formBody([{ hello: 'world' }]))).toThrow(/neither a mapped event/);
  });
});

describe('recording-ready callback', () => {
  const rawBody = new URLSearchParams(JSON.parse(payloadText('recording-ready-callback.json'))).toString();

  it('is told apart from webhooks and the analytics callback', () => {
    expect(bbbDeliveryKind({ 'content-type': 'application/x-www-form-urlencoded' }, rawBody)).toBe('recording-ready');
    expect(bbbDeliveryKind({ 'content-type': 'application/x-www-form-urlencoded' }, vectorOf('user-joined.json').raw_body)).toBe('webhook');
    expect(bbbDeliveryKind({ 'content-type': 'application/json' }, '{}')).toBe('analytics-callback');
  });

  it('verifies with the shared secret (HS256) and answers its claims', () => {
    expect(verifyBbbRecordingReadyCallback(rawBody, SECRET, Date.now())).toEqual({ meeting_id: 'random-9019868', record_id: INTERNAL_MEETING });
  });

  it('is rejected under a wrong secret or without signed_parameters', () => {
    expect(() => verifyBbbRecordingReadyCallback(rawBody, 'wrong-secret', Date.now())).toThrow(SignatureError);
    expect(() => verifyBbbRecordingReadyCallback('domain=x', SECRET, Date.now())).toThrow(SignatureError);
  });

  it('carries no attendance', () => {
    expect(translateBbbWebhook(rawBody)).toEqual({ facts: [], ignored: [{ event: 'recording-ready', reason: expect.any(String) }], meetingsEnded: [] });
  });
});

describe('closeOpenIntervals', () => {
  it('gives one left fact at the meeting end for every user still joined, once each', () => {
    const facts = closeOpenIntervals('bigbluebutton', 'random-9019868', '2024-02-19T22:19:15.717Z', ['alice', 'bob', 'alice']);
    expect(facts).toEqual([
      {
        id: 'bbb:random-9019868:alice:virtual-class.left:1708381155717:meeting-ended',
        type: 'virtual-class.left',
        occurredAt: '2024-02-19T22:19:15.717Z',
        platform: 'bigbluebutton',
        activity: 'random-9019868',
        actor: { userId: 'alice' },
      },
      expect.objectContaining({ id: 'bbb:random-9019868:bob:virtual-class.left:1708381155717:meeting-ended', actor: { userId: 'bob' } }),
    ]);
  });

  it('gives the same ids for the same end given as ms or ISO, so a repeated close is a duplicate', () => {
    const asIso = closeOpenIntervals('bigbluebutton', 'm', '2024-02-19T22:19:15.717Z', ['alice']);
    const asMs = closeOpenIntervals('bigbluebutton', 'm', 1708381155717, ['alice']);
    expect(asMs).toEqual(asIso);
  });

  it('chains with the meeting-ended translation', () => {
    const [end] = translateBbbWebhook(vectorOf('meeting-ended.json').raw_body).meetingsEnded;
    expect(closeOpenIntervals('bigbluebutton', end.activity, end.endedAt, ['w_uxw0dzhtvk0l'])[0].occurredAt).toBe('2024-02-19T22:19:15.717Z');
  });

  it('refuses an end that is not a time', () => {
    expect(() => closeOpenIntervals('bigbluebutton', 'm', 'yesterday', ['alice'])).toThrow(/not a time/);
  });
});
