import { SignatureError } from '../shared/signatures';
import { answerUrlValidation, isUrlValidation, translateZoom, verifyZoom, zoomMeetingEnd } from './index';
import { expectedAnswer, payloadText as fixtureText, vector } from '../../../../test/support/platform-payloads';

const payloadText = (file: string) => fixtureText('zoom', file);
const entryOf = (file: string) => ({ signature_vector: vector('zoom', file), expected_response: expectedAnswer('zoom', file) });
/** Zoom's documented example of the URL validation handshake, as the elastic/beats tests use it. */
const BEATS_VECTOR = { secret_token: 'secretValueTest', plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: '70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff' };

/** The vectors were signed at 1710252161 s: "now" sits 10 s after that. */
const NOW_MS = 1710252161_000 + 10_000;
const SECRET = 'test_zoom_webhook_secret_token';
const MEETING_UUID = '4444AAAiAAAAAiAiAiiAii==';
const PARTICIPANT_UUID = '55A12BD9-3F4C-4A4E-9B6B-0D3B1C2E7F10';

/** The request as Zoom sends it: exact raw body and the three headers, lower-cased. */
const requestOf = (file: string) => {
  const vector = entryOf(file).signature_vector;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-zm-signature': vector['x-zm-signature'],
    'x-zm-request-timestamp': vector['x-zm-request-timestamp'],
  };
  return { rawBody: vector.raw_body, headers };
};
const verify = (file: string, overrides: Partial<Parameters<typeof verifyZoom>[0]> = {}) => {
  const { rawBody, headers } = requestOf(file);
  verifyZoom({ rawBody, signature: headers['x-zm-signature'], timestamp: headers['x-zm-request-timestamp'], secretToken: SECRET, nowMs: NOW_MS, ...overrides });
};
const ALL_FILES = ['endpoint.url_validation.json', 'meeting.started.json', 'meeting.participant_joined.json', 'meeting.participant_left.json', 'meeting.ended.json'];

describe('verifyZoom', () => {
  for (const file of ALL_FILES) {
    it(`${file}: accepts the manifest signature`, () => {
      expect(entryOf(file).signature_vector.secret_token).toBe(SECRET);
      expect(() => verify(file)).not.toThrow();
    });

    it(`${file}: accepts the same body as a Buffer`, () => {
      expect(() => verify(file, { rawBody: Buffer.from(requestOf(file).rawBody) })).not.toThrow();
    });

    it(`${file}: rejects a wrong secret, a changed body or a changed timestamp`, () => {
      const { rawBody } = requestOf(file);
      expect(() => verify(file, { secretToken: 'wrong-secret' })).toThrow(SignatureError);
      expect(() => verify(file, { rawBody: rawBody.replace('"event"', '"event" ') })).toThrow(SignatureError);
      expect(() => verify(file, { timestamp: '1710252162' })).toThrow(SignatureError);
    });
  }

  it('rejects a missing signature or timestamp header', () => {
    expect(() => verify('meeting.participant_joined.json', { signature: undefined })).toThrow(/x-zm-signature/);
    expect(() => verify('meeting.participant_joined.json', { timestamp: undefined })).toThrow(/x-zm-request-timestamp/);
    expect(() => verify('meeting.participant_joined.json', { timestamp: 'yesterday' })).toThrow(SignatureError);
  });

  it('rejects a signature without the v0= prefix', () => {
    const signature = requestOf('meeting.participant_joined.json').headers['x-zm-signature'].slice(3);
    expect(() => verify('meeting.participant_joined.json', { signature })).toThrow(SignatureError);
  });

  it('rejects a correctly signed request replayed outside the window, on either side', () => {
    expect(() => verify('meeting.participant_joined.json', { nowMs: 1710252161_000 + 301_000 })).toThrow(/more than 300 s/);
    expect(() => verify('meeting.participant_joined.json', { nowMs: 1710252161_000 - 301_000 })).toThrow(SignatureError);
    expect(() => verify('meeting.participant_joined.json', { nowMs: 1710252161_000 + 300_000 })).not.toThrow();
  });

  it('honours a custom replay window', () => {
    expect(() => verify('meeting.participant_joined.json', { replayWindowSeconds: 5 })).toThrow(/more than 5 s/);
  });

  it('refuses everything when no secret token is configured', () => {
    expect(() => verify('meeting.participant_joined.json', { secretToken: '' })).toThrow(SignatureError);
  });
});

describe('answerUrlValidation', () => {
  const entry = entryOf('endpoint.url_validation.json');

  it('answers the manifest expected_response for the raw body', () => {
    expect(isUrlValidation(entry.signature_vector.raw_body)).toBe(true);
    expect(answerUrlValidation(entry.signature_vector.raw_body, SECRET)).toEqual(entry.expected_response);
  });

  it('matches the independent vector from the elastic/beats tests', () => {
    const beats = BEATS_VECTOR;
    const body = { event: 'endpoint.url_validation', payload: { plainToken: beats.plainToken } };
    expect(answerUrlValidation(body, beats.secret_token)).toEqual({ plainToken: beats.plainToken, encryptedToken: beats.encryptedToken });
  });

  it('refuses a body without payload.plainToken', () => {
    expect(() => answerUrlValidation({ event: 'endpoint.url_validation', payload: {} }, SECRET)).toThrow(/plainToken/);
    expect(() => answerUrlValidation('not json', SECRET)).toThrow(/not JSON/);
  });
});

describe('translateZoom', () => {
  it('meeting.participant_joined becomes a joined fact at join_time', () => {
    expect(translateZoom(requestOf('meeting.participant_joined.json').rawBody)).toEqual({
      facts: [
        {
          id: `zoom:${MEETING_UUID}:${PARTICIPANT_UUID}:virtual-class.joined:2024-03-12T14:02:41.000Z`,
          type: 'virtual-class.joined',
          occurredAt: '2024-03-12T14:02:41.000Z',
          platform: 'zoom',
          activity: '85746065432',
          actor: { userId: 'stu-20231187', email: 'noura.alharbi@student.example.edu' },
        },
      ],
      ignored: [],
    });
  });

  it('meeting.participant_left becomes a left fact at leave_time (not event_ts)', () => {
    expect(translateZoom(requestOf('meeting.participant_left.json').rawBody).facts).toEqual([
      {
        id: `zoom:${MEETING_UUID}:${PARTICIPANT_UUID}:virtual-class.left:2024-03-12T14:58:17.000Z`,
        type: 'virtual-class.left',
        occurredAt: '2024-03-12T14:58:17.000Z',
        platform: 'zoom',
        activity: '85746065432',
        actor: { userId: 'stu-20231187', email: 'noura.alharbi@student.example.edu' },
      },
    ]);
  });

  for (const [file, event] of [
    ['meeting.started.json', 'meeting.started'],
    ['meeting.ended.json', 'meeting.ended'],
    ['endpoint.url_validation.json', 'endpoint.url_validation'],
  ]) {
    it(`${file} carries no attendance and is ignored with a reason`, () => {
      expect(translateZoom(requestOf(file).rawBody)).toEqual({ facts: [], ignored: [{ event, reason: expect.any(String) }] });
    });
  }

  it('takes the person from participant_user_id, then user_id, when no customer_key was set', () => {
    const event = JSON.parse(payloadText('meeting.participant_joined.json'));
    event.payload.object.participant.customer_key = '';
    event.payload.object.participant.participant_user_id = 'zoom-account-1';
    expect(translateZoom(event).facts[0].actor.userId).toBe('zoom-account-1');
    event.payload.object.participant.participant_user_id = '';
    expect(translateZoom(event).facts[0].actor.userId).toBe('16778240');
  });

  it('leaves email out for a guest without one', () => {
    const event = JSON.parse(payloadText('meeting.participant_joined.json'));
    event.payload.object.participant.email = '';
    expect(translateZoom(event).facts[0].actor).toEqual({ userId: 'stu-20231187' });
  });

  it('takes a numeric meeting id as a string, and webinar events like meeting events', () => {
    const event = JSON.parse(payloadText('meeting.participant_left.json'));
    event.event = 'webinar.participant_left';
    event.payload.object.id = 85746065432;
    expect(translateZoom(event).facts[0]).toMatchObject({ type: 'virtual-class.left', activity: '85746065432' });
  });

  it('a retry of the same delivery (same body, later event_ts) gets the same fact id', () => {
    const first = translateZoom(requestOf('meeting.participant_joined.json').rawBody).facts;
    const retry = JSON.parse(payloadText('meeting.participant_joined.json'));
    retry.event_ts += 5 * 60_000;
    expect(translateZoom(retry).facts).toEqual(first);
  });

  it('the same participant in another instance of the meeting is another fact', () => {
    const event = JSON.parse(payloadText('meeting.participant_joined.json'));
    event.payload.object.uuid = 'another-instance==';
    expect(translateZoom(event).facts[0].id).not.toBe(translateZoom(payloadText('meeting.participant_joined.json')).facts[0].id);
  });

  it('left delivered before joined gives the same set of facts', () => {
    const joined = requestOf('meeting.participant_joined.json').rawBody;
    const left = requestOf('meeting.participant_left.json').rawBody;
    const inOrder = [joined, left].flatMap((body) => translateZoom(body).facts);
    const reversed = [left, joined].flatMap((body) => translateZoom(body).facts);
    expect(new Set(reversed.map((f) => f.id))).toEqual(new Set(inOrder.map((f) => f.id)));
    expect(reversed).toHaveLength(2);
  });

  it('refuses a participant event without join_time, participant or meeting uuid', () => {
    const noTime = JSON.parse(payloadText('meeting.participant_joined.json'));
    delete noTime.payload.object.participant.join_time;
    expect(() => translateZoom(noTime)).toThrow(/join_time/);
    const noParticipant = JSON.parse(payloadText('meeting.participant_left.json'));
    delete noParticipant.payload.object.participant;
    expect(() => translateZoom(noParticipant)).toThrow(/participant/);
    const noUuid = JSON.parse(payloadText('meeting.participant_left.json'));
    delete noUuid.payload.object.uuid;
    expect(() => translateZoom(noUuid)).toThrow(/uuid/);
  });

  it('refuses a body that is not JSON or has no event name', () => {
    expect(() => translateZoom('{')).toThrow(/not JSON/);
    expect(() => translateZoom({ payload: {} })).toThrow(/no "event"/);
  });
});

describe('zoomMeetingEnd', () => {
  it('reads the end of meeting.ended and nothing from other events', () => {
    expect(zoomMeetingEnd(requestOf('meeting.ended.json').rawBody)).toEqual({ activity: '85746065432', instance: MEETING_UUID, endedAt: '2024-03-12T15:00:01.000Z' });
    expect(zoomMeetingEnd(requestOf('meeting.started.json').rawBody)).toBeUndefined();
  });
});
