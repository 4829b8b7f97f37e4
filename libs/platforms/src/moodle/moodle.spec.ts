import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignatureError } from '../shared/signatures';
import { translateStatements, validateStatement } from '../xapi';
import { statementFingerprint, translateMoodleEvent, translateMoodleLogRow, translateMoodleXapiBatch, verifyMoodleToken } from './index';
import { PLATFORM_FIXTURES } from '../../../../test/support/platform-payloads';

const PAYLOADS = path.join(PLATFORM_FIXTURES, 'moodle');
const TOKEN = 'shared-token-configured-in-plugin';
/** The body exactly as local_webhooks posts it. */
const rawBody = (file: string) => fs.readFileSync(path.join(PAYLOADS, file), 'utf8');
/** What the route does: check the token, then translate. */
const deliver = (file: string, token = TOKEN) => translateMoodleEvent(verifyMoodleToken(rawBody(file), token));
const student = { userId: '1187' };

describe('Moodle local_webhooks events', () => {
  it('course_module_viewed: a view of the course module, with no progress', () => {
    expect(deliver('course_module_viewed.json')).toEqual({
      facts: [
        {
          id: 'moodle:mod_page\\event\\course_module_viewed:311:1187:1710251790',
          type: 'recorded-lecture.viewed',
          occurredAt: '2024-03-12T13:56:30.000Z',
          platform: 'moodle',
          activity: '842',
          actor: student,
        },
      ],
      ignored: [],
    });
  });

  it.each([
    ['assessable_submitted.json', 'moodle:mod_assign\\event\\assessable_submitted:9021:1187:1710338411', '2024-03-13T14:00:11.000Z', '849'],
    ['submission_created.json', 'moodle:assignsubmission_file\\event\\submission_created:4410:1187:1710338402', '2024-03-13T14:00:02.000Z', '849'],
    ['attempt_submitted.json', 'moodle:mod_quiz\\event\\attempt_submitted:77120:1187:1710340215', '2024-03-13T14:30:15.000Z', '853'],
    ['post_created.json', 'moodle:mod_forum\\event\\post_created:20412:1187:1710339020', '2024-03-13T14:10:20.000Z', '845'],
  ])('%s: e-activity.submitted on the course module', (file, id, occurredAt, activity) => {
    expect(deliver(file)).toEqual({
      facts: [{ id, type: 'e-activity.submitted', occurredAt, platform: 'moodle', activity, actor: student }],
      ignored: [],
    });
  });

  it('user_loggedin without a course is ignored; with one it is a course access', () => {
    expect(deliver('user_loggedin.json')).toEqual({
      facts: [],
      ignored: [{ event: 'moodle:core\\event\\user_loggedin:1187:1187:1710251702', reason: 'a login to the site, not to a course' }],
    });
    const inCourse = { ...JSON.parse(rawBody('user_loggedin.json')), courseid: '57' };
    expect(translateMoodleEvent(inCourse).facts).toEqual([expect.objectContaining({ type: 'course.accessed', course: '57', actor: student, occurredAt: '2024-03-12T13:55:02.000Z' })]);
  });

  it('course_viewed: course.accessed on the course id', () => {
    const viewed = { ...JSON.parse(rawBody('course_module_viewed.json')), eventname: '\\core\\event\\course_viewed', contextlevel: 50, contextinstanceid: 57, objectid: null };
    const [fact] = translateMoodleEvent(viewed).facts;
    expect(fact).toEqual({ id: 'moodle:core\\event\\course_viewed:57:1187:1710251790', type: 'course.accessed', occurredAt: '2024-03-12T13:56:30.000Z', platform: 'moodle', course: '57', actor: student });
  });

  it('the attempt owner (relateduserid) is the actor when a teacher submits for the student', () => {
    const byTeacher = { ...JSON.parse(rawBody('attempt_submitted.json')), userid: '2' };
    expect(translateMoodleEvent(byTeacher).facts[0].actor).toEqual(student);
    const viewedAbout = { ...JSON.parse(rawBody('course_module_viewed.json')), relateduserid: '99' };
    expect(translateMoodleEvent(viewedAbout).facts[0].actor).toEqual(student);
  });

  it('a draft file submission is not a submission', () => {
    const draft = JSON.parse(rawBody('submission_created.json'));
    draft.other.submissionstatus = 'draft';
    expect(translateMoodleEvent(draft)).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: 'a draft submission' })] });
  });

  it('other events are ignored', () => {
    const graded = { ...JSON.parse(rawBody('assessable_submitted.json')), eventname: '\\mod_assign\\event\\submission_graded' };
    expect(translateMoodleEvent(graded)).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: 'not an attendance event' })] });
  });

  it('the same delivery twice gets the same fact id', () => {
    for (const file of ['course_module_viewed.json', 'attempt_submitted.json']) expect(deliver(file).facts[0].id).toBe(deliver(file).facts[0].id);
  });

  it('malformed events name the field', () => {
    const event = JSON.parse(rawBody('course_module_viewed.json'));
    expect(() => translateMoodleEvent({ ...event, contextinstanceid: 0 })).toThrow(/contextinstanceid/);
    expect(() => translateMoodleEvent({ ...event, timecreated: '2024-03-12' })).toThrow(/timecreated/);
    expect(() => translateMoodleEvent({ ...event, userid: 'bob' })).toThrow(/userid/);
    expect(() => translateMoodleEvent({ ...event, eventname: 'viewed' })).toThrow(/eventname/);
    expect(() => translateMoodleEvent({ ...event, eventname: '\\core\\event\\course_viewed', courseid: 0 })).toThrow(/courseid/);
  });
});

describe('Moodle webhook token', () => {
  it('a wrong, missing or unconfigured token is a SignatureError', () => {
    expect(() => deliver('course_module_viewed.json', 'another-token')).toThrow(SignatureError);
    expect(() => deliver('course_module_viewed.json', '')).toThrow(SignatureError);
    const { token, ...untokened } = JSON.parse(rawBody('post_created.json'));
    expect(token).toBe(TOKEN);
    expect(() => verifyMoodleToken(JSON.stringify(untokened), TOKEN)).toThrow(SignatureError);
    expect(() => verifyMoodleToken(JSON.stringify({ ...untokened, token: 42 }), TOKEN)).toThrow(SignatureError);
  });

  it('a body that is not a JSON object is malformed, not a bad signature', () => {
    expect(() => verifyMoodleToken('token=shared', TOKEN)).toThrow(/not JSON/);
    expect(() => verifyMoodleToken('[]', TOKEN)).toThrow(/JSON object/);
    expect(() => verifyMoodleToken('token=shared', TOKEN)).not.toThrow(SignatureError);
  });
});

describe('Moodle logstore_standard_log rows', () => {
  const row = () => JSON.parse(rawBody('logstore_standard_log.row.json'));

  it('a row translates like the webhook event, with the same fact id so both transports count once', () => {
    const fromLog = translateMoodleLogRow(row());
    expect(fromLog.facts).toEqual(deliver('course_module_viewed.json').facts);
  });

  it('an event done while "logged in as" the student is not the student\'s', () => {
    expect(translateMoodleLogRow({ ...row(), realuserid: '2' })).toEqual({ facts: [], ignored: [expect.objectContaining({ reason: expect.stringMatching(/logged in as/) })] });
  });

  it('a row must have its id', () => {
    const { id, ...withoutId } = row();
    expect(id).toBe('4518821');
    expect(() => translateMoodleLogRow(withoutId)).toThrow(/id/);
  });
});

describe('Moodle logstore_xapi batches', () => {
  const batch = (): Array<Record<string, unknown>> => JSON.parse(rawBody('logstore_xapi.statements-batch.json'));
  const RECEIVED = Date.parse('2024-03-14T00:00:00Z');
  const learner = { account: { homePage: 'https://lms.example.edu', name: '1187' } };

  it('every statement is valid xAPI and has no id', () => {
    for (const statement of batch()) {
      expect(validateStatement(statement, '1.0.3')).toEqual([]);
      expect(statement).not.toHaveProperty('id');
    }
  });

  it('maps the plugin verbs: login ignored, module view, assignment submission', () => {
    const [login, view, submit] = batch();
    const { facts, ignored } = translateMoodleXapiBatch(batch(), RECEIVED);
    expect(ignored).toEqual([{ event: `xapi:sha256:${statementFingerprint(login)} https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login`, reason: 'a login to the site, not to a course' }]);
    expect(facts).toEqual([
      {
        id: `xapi:sha256:${statementFingerprint(view)}`,
        type: 'recorded-lecture.viewed',
        occurredAt: '2024-03-12T13:56:30.000Z',
        platform: 'xapi',
        activity: 'https://lms.example.edu/mod/page/view.php?id=842',
        actor: learner,
      },
      {
        id: `xapi:sha256:${statementFingerprint(submit)}`,
        type: 'e-activity.submitted',
        occurredAt: '2024-03-13T14:00:11.000Z',
        platform: 'xapi',
        activity: 'https://lms.example.edu/mod/assign/view.php?id=849',
        actor: learner,
      },
    ]);
  });

  it('a resent batch gets the same fact ids, a later event a new one', () => {
    const first = translateMoodleXapiBatch(batch(), RECEIVED).facts.map((f) => f.id);
    const resent = translateMoodleXapiBatch(batch(), RECEIVED + 3_600_000).facts.map((f) => f.id);
    expect(resent).toEqual(first);
    expect(new Set(first).size).toBe(2);
    const later = batch()[1];
    later.timestamp = '2024-03-12T14:56:30.000Z';
    expect(translateMoodleXapiBatch([later], RECEIVED).facts[0].id).not.toBe(first[0]);
  });

  it('a course view is a course access', () => {
    const courseView = { ...batch()[1], object: { id: 'https://lms.example.edu/course/view.php?id=57', definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/course' } } };
    expect(translateMoodleXapiBatch([courseView], RECEIVED).facts).toEqual([expect.objectContaining({ type: 'course.accessed', course: 'https://lms.example.edu/course/view.php?id=57' })]);
  });

  it('without the Moodle verbs the standard mapping carries nothing from this batch', () => {
    expect(translateStatements(batch(), { receivedAtMs: RECEIVED }).facts).toEqual([]);
  });
});
