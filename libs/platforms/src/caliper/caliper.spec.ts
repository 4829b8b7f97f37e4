import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignatureError } from '../shared/signatures';
import { durationSeconds, translateCaliperEnvelope, UnsupportedCaliperVersionError, verifyCaliperBearer } from './index';
import { PLATFORM_FIXTURES } from '../../../../test/support/platform-payloads';

const PAYLOADS = path.join(PLATFORM_FIXTURES, 'caliper');
const TOKEN = 'caliper-test-token';
const rawBody = (file: string) => fs.readFileSync(path.join(PAYLOADS, file), 'utf8');
/** What the route does: check the bearer header, parse the raw body, translate. */
function deliver(file: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  verifyCaliperBearer(headers.authorization, TOKEN);
  return translateCaliperEnvelope(JSON.parse(rawBody(file)));
}
const student = { userId: 'https://example.edu/users/554433' };
const SECTION = 'https://example.edu/terms/201801/courses/7/sections/1';
const VIDEO = 'https://example.edu/UQVK-dsU7-Y';

describe('Caliper envelopes', () => {
  it('NavigationEvent NavigatedTo: a view of the page', () => {
    expect(deliver('NavigationEvent.NavigatedTo.json')).toEqual({
      facts: [
        {
          id: 'caliper:urn:uuid:ff9ec22a-fc59-4ae1-ae8d-2c9463ee2f8f',
          type: 'recorded-lecture.viewed',
          occurredAt: '2018-11-15T10:15:00.000Z',
          platform: 'caliper',
          activity: 'https://example.edu/terms/201801/courses/7/sections/1/pages/2',
          actor: student,
        },
      ],
      ignored: [],
    });
  });

  it('ViewEvent Viewed: a view of the document', () => {
    expect(deliver('ViewEvent.Viewed.json').facts).toEqual([
      { id: 'caliper:urn:uuid:cd088ca7-c044-405c-bb41-0b2a8506f907', type: 'recorded-lecture.viewed', occurredAt: '2018-11-15T10:15:00.000Z', platform: 'caliper', activity: 'https://example.edu/etexts/201.epub', actor: student },
    ]);
  });

  it.each([
    ['MediaEvent.Started.json', 'urn:uuid:2c1e9a57-6a0e-4b8e-9f0f-3b6f7e5d4a01', '2018-11-15T10:09:39.000Z', 0],
    ['MediaEvent.Paused.json', 'urn:uuid:956b4a02-8de0-4991-b8c5-b6eebb6b4cab', '2018-11-15T10:15:00.000Z', 321 / 1220],
    ['MediaEvent.Ended.json', 'urn:uuid:8f3d2b61-1c7e-4f3a-a2d9-5e0b7c6d9e12', '2018-11-15T10:35:41.000Z', 1],
  ])('%s: a view with progress = currentTime / duration', (file, id, occurredAt, progress) => {
    expect(deliver(file).facts).toEqual([{ id: `caliper:${id}`, type: 'recorded-lecture.viewed', occurredAt, platform: 'caliper', activity: VIDEO, actor: student, progress }]);
  });

  it('MediaEvent without a known length is left out; Ended needs none', () => {
    const paused = JSON.parse(rawBody('MediaEvent.Paused.json'));
    delete paused.data[0].object.duration;
    expect(translateCaliperEnvelope(paused)).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: expect.stringMatching(/duration/) })] });
    const ended = JSON.parse(rawBody('MediaEvent.Ended.json'));
    ended.data[0].object = VIDEO;
    expect(translateCaliperEnvelope(ended).facts[0]).toMatchObject({ activity: VIDEO, progress: 1 });
  });

  it('ToolUseEvent Used in a course section: a course access', () => {
    expect(deliver('ToolUseEvent.Used.json').facts).toEqual([
      { id: 'caliper:urn:uuid:7e10e4f3-a0d8-4430-95bd-783ffae4d916', type: 'course.accessed', occurredAt: '2018-11-15T10:15:00.000Z', platform: 'caliper', course: SECTION, actor: student },
    ]);
  });

  it('SessionEvent LoggedIn names no course, so it is ignored; with a group it is a course access', () => {
    expect(deliver('SessionEvent.LoggedIn.json')).toEqual({
      facts: [],
      ignored: [{ event: 'urn:uuid:fcd495d0-3740-4298-9bec-1154571dc211 SessionEvent LoggedIn', reason: 'SessionEvent LoggedIn names no course (group)' }],
    });
    const inSection = JSON.parse(rawBody('SessionEvent.LoggedIn.json'));
    inSection.data[0].group = SECTION;
    expect(translateCaliperEnvelope(inSection).facts).toEqual([expect.objectContaining({ type: 'course.accessed', course: SECTION, occurredAt: '2018-11-15T10:15:00.000Z' })]);
  });

  it.each([
    ['SessionEvent.LoggedOut.json', /carries no attendance/],
    ['AssignableEvent.Activated.json', /not submitting/],
    ['ToolUseEvent.Used.v1p2-anonymous.json', /^anonymous actor$/],
  ])('%s is ignored', (file, reason) => {
    const { facts, ignored } = deliver(file);
    expect(facts).toEqual([]);
    expect(ignored).toEqual([{ event: expect.stringMatching(/^urn:uuid:/), reason: expect.stringMatching(reason) }]);
  });

  it('an AssignableEvent Submitted is a submission of the assignable', () => {
    const submitted = JSON.parse(rawBody('AssignableEvent.Activated.json'));
    const assessment = submitted.data[0].object.id;
    submitted.data[0].action = 'Submitted';
    submitted.data[0].object = { id: 'https://example.edu/attempts/1', type: 'Attempt', assignable: assessment };
    expect(translateCaliperEnvelope(submitted).facts).toEqual([expect.objectContaining({ type: 'e-activity.submitted', activity: assessment, actor: { userId: 'https://example.edu/users/112233' } })]);
  });

  it('the same envelope twice gives the same fact ids', () => {
    expect(deliver('MediaEvent.Paused.json').facts[0].id).toBe(deliver('MediaEvent.Paused.json').facts[0].id);
  });

  it('a batch of events and entity describes translates in order', () => {
    const envelope = JSON.parse(rawBody('MediaEvent.Started.json'));
    envelope.data.push({ id: VIDEO, type: 'VideoObject' }, ...JSON.parse(rawBody('MediaEvent.Ended.json')).data);
    const { facts, ignored } = translateCaliperEnvelope(envelope);
    expect(facts.map((f) => f.progress)).toEqual([0, 1]);
    expect(ignored).toEqual([{ event: `${VIDEO} VideoObject`, reason: 'an entity describe, not an event' }]);
  });
});

describe('Caliper malformed envelopes', () => {
  const envelope = () => JSON.parse(rawBody('ViewEvent.Viewed.json'));

  it('an unsupported dataVersion is its own error (422)', () => {
    expect(() => translateCaliperEnvelope({ ...envelope(), dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p0' })).toThrow(UnsupportedCaliperVersionError);
  });

  it('names the missing or extra field', () => {
    expect(() => translateCaliperEnvelope({ ...envelope(), extra: 1 })).toThrow(/extra/);
    expect(() => translateCaliperEnvelope({ ...envelope(), data: {} })).toThrow(/data/);
    const undated = envelope();
    delete undated.data[0].eventTime;
    expect(() => translateCaliperEnvelope(undated)).toThrow(/data\[0\]\.eventTime/);
    const badId = envelope();
    badId.data[0].id = '42';
    expect(() => translateCaliperEnvelope(badId)).toThrow(/data\[0\]\.id/);
    expect(() => translateCaliperEnvelope([])).toThrow(/JSON object/);
  });
});

describe('Caliper bearer token', () => {
  it('a wrong, missing or non-Bearer credential is a SignatureError', () => {
    expect(() => deliver('ViewEvent.Viewed.json', { authorization: 'Bearer wrong' })).toThrow(SignatureError);
    expect(() => deliver('ViewEvent.Viewed.json', {})).toThrow(SignatureError);
    expect(() => deliver('ViewEvent.Viewed.json', { authorization: `Basic ${TOKEN}` })).toThrow(SignatureError);
    expect(() => verifyCaliperBearer(`Bearer ${TOKEN}`, '')).toThrow(SignatureError);
  });

  it('the scheme is case-insensitive', () => {
    expect(() => verifyCaliperBearer(`bearer ${TOKEN}`, TOKEN)).not.toThrow();
  });
});

describe('Caliper media times', () => {
  it.each([
    ['PT05M21S', 321],
    ['PT20M20S', 1220],
    ['PT00S', 0],
    ['PT3000S', 3000],
    ['PT1H0.5S', 3600.5],
    ['P1DT1S', 86401],
  ])('%s is %d seconds', (value, seconds) => expect(durationSeconds(value)).toBe(seconds));

  it.each(['P', 'PT', '321', 'P1M', 'PT5M21'])('%s is not a media time', (value) => expect(durationSeconds(value)).toBeUndefined());
});
