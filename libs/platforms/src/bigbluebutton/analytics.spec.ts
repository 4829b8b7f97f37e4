import { createHmac } from 'node:crypto';
import { SignatureError } from '../shared/signatures';
import { translateBbbAnalytics, verifyBbbAnalyticsCallback } from './index';
import { payloadText as fixtureText, vector } from '../../../../test/support/platform-payloads';

const payloadText = (file: string) => fixtureText('bigbluebutton', file);
const callbackVector = vector('bigbluebutton', 'analytics-callback.json');

const SECRET = 'bbb-test-shared-secret';
const EXP_MS = 1698858760 * 1000;
const SESSION = '8043c8452ae9830aac14c517adff3839dbd9228f-1698771157700';

const jwt = (header: object, payload: object, secret = SECRET) => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const algorithm = `sha${(header as { alg: string }).alg.slice(2)}`;
  return `${input}.${createHmac(algorithm, secret).update(input).digest('base64url')}`;
};

describe('verifyBbbAnalyticsCallback', () => {
  it('accepts the manifest token (HS512, shared secret) before it expires', () => {
    expect(() => verifyBbbAnalyticsCallback(callbackVector.authorization, callbackVector.shared_secret, EXP_MS - 60_000)).not.toThrow();
  });

  it('rejects the manifest token under a wrong secret', () => {
    expect(() => verifyBbbAnalyticsCallback(callbackVector.authorization, 'wrong-secret', EXP_MS - 60_000)).toThrow(SignatureError);
  });

  it('rejects the manifest token once expired', () => {
    expect(() => verifyBbbAnalyticsCallback(callbackVector.authorization, SECRET, EXP_MS + 60_000)).toThrow(/expired/);
  });

  it('rejects a missing or non-Bearer Authorization header', () => {
    expect(() => verifyBbbAnalyticsCallback(undefined, SECRET, EXP_MS - 1)).toThrow(SignatureError);
    expect(() => verifyBbbAnalyticsCallback(callbackVector.authorization.replace('Bearer', 'Basic'), SECRET, EXP_MS - 1)).toThrow(SignatureError);
  });

  it('rejects an HS256 token even with the right secret (BBB signs HS512)', () => {
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, { exp: EXP_MS / 1000 });
    expect(() => verifyBbbAnalyticsCallback(`Bearer ${token}`, SECRET, EXP_MS - 1)).toThrow(/not accepted/);
  });

  it('rejects a token without exp, which would never expire', () => {
    const token = jwt({ alg: 'HS512', typ: 'JWT' }, {});
    expect(() => verifyBbbAnalyticsCallback(`Bearer ${token}`, SECRET, EXP_MS - 1)).toThrow(/no exp/);
  });
});

describe('translateBbbAnalytics', () => {
  const facts = translateBbbAnalytics(payloadText('analytics-callback.json')).facts;

  it('gives every attendee a joined fact per join and a left fact per leave, in UTC', () => {
    const summary = facts.map((f) => [f.actor.userId, f.type, f.occurredAt]);
    expect(summary).toEqual([
      ['w_xfsb9gxtlfom', 'virtual-class.joined', '2023-10-31T16:52:44.000Z'],
      ['w_xfsb9gxtlfom', 'virtual-class.left', '2023-10-31T17:12:40.000Z'],
      ['w_uxw0dzhtvk0l', 'virtual-class.joined', '2023-10-31T16:53:01.000Z'],
      ['w_uxw0dzhtvk0l', 'virtual-class.joined', '2023-10-31T17:01:15.000Z'],
      ['w_uxw0dzhtvk0l', 'virtual-class.left', '2023-10-31T16:58:30.000Z'],
      ['w_uxw0dzhtvk0l', 'virtual-class.left', '2023-10-31T17:11:02.000Z'],
    ]);
  });

  it('names the external meeting as activity and keys the id on the session', () => {
    expect(facts[0]).toEqual({
      id: `bbb-analytics:${SESSION}:w_xfsb9gxtlfom:virtual-class.joined:${Date.parse('2023-10-31T16:52:44Z')}`,
      type: 'virtual-class.joined',
      occurredAt: '2023-10-31T16:52:44.000Z',
      platform: 'bigbluebutton',
      activity: 'random-9019868',
      actor: { userId: 'w_xfsb9gxtlfom' },
    });
  });

  it('gives the same ids for the same callback parsed again or passed as an object', () => {
    const again = translateBbbAnalytics(JSON.parse(payloadText('analytics-callback.json'))).facts;
    expect(again).toEqual(facts);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
  });

  it('takes a numeric ext_user_id as a string', () => {
    const callback = JSON.parse(payloadText('analytics-callback.json'));
    callback.data.attendees[0].ext_user_id = 42;
    expect(translateBbbAnalytics(callback).facts[0].actor).toEqual({ userId: '42' });
  });

  it('falls back to the per-connection sessions when the flat lists are absent', () => {
    const callback = JSON.parse(payloadText('analytics-callback.json'));
    const mary = callback.data.attendees[1];
    delete mary.joins;
    delete mary.leaves;
    const maryFacts = translateBbbAnalytics(callback).facts.filter((f) => f.actor.userId === 'w_uxw0dzhtvk0l');
    expect(maryFacts.map((f) => f.occurredAt).sort()).toEqual(
      ['2023-10-31T16:53:01.000Z', '2023-10-31T16:58:30.000Z', '2023-10-31T17:01:15.000Z', '2023-10-31T17:11:02.000Z'],
    );
  });

  it('refuses a body without attendees, without meeting ids, or with a time it cannot read', () => {
    const callback = JSON.parse(payloadText('analytics-callback.json'));
    expect(() => translateBbbAnalytics({ ...callback, data: {} })).toThrow(/attendees/);
    expect(() => translateBbbAnalytics({ ...callback, internal_meeting_id: undefined })).toThrow(/internal_meeting_id/);
    callback.data.attendees[0].joins = ['yesterday at noon'];
    expect(() => translateBbbAnalytics(callback)).toThrow(/not a time/);
    expect(() => translateBbbAnalytics('{not json')).toThrow(/not JSON/);
  });
});
