import { validateStatement } from './index';

/** A minimal valid statement; each case breaks one rule of xAPI 1.0.3. */
const base = () => ({
  actor: { mbox: 'mailto:learner@example.edu' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'http://example.edu/activities/1' },
});
const problemsOf = (statement: unknown) => validateStatement(statement, '1.0.3');
const pathsOf = (statement: unknown) => problemsOf(statement).map((p) => p.path);

describe('validateStatement: the version header', () => {
  it.each(['1.0', '1.0.0', '1.0.3', '1.0.9'])('accepts %s', (version) => expect(validateStatement(base(), version)).toEqual([]));

  it.each([undefined, '', '0.9.9', '1.1.0', '2.0.0', 'should fail'])('refuses %p', (version) => {
    expect(validateStatement(base(), version)).toEqual([{ path: 'X-Experience-API-Version', message: expect.any(String) }]);
  });
});

describe('validateStatement: required parts', () => {
  it.each(['actor', 'verb', 'object'])('%s is required', (part) => {
    const statement: Record<string, unknown> = base();
    delete statement[part];
    expect(problemsOf(statement)).toEqual([{ path: part, message: 'is required' }]);
  });

  it('refuses a statement that is not an object', () => {
    expect(pathsOf([base()])).toEqual(['(statement)']);
  });

  it('refuses unknown or mis-cased top-level properties', () => {
    expect(pathsOf({ ...base(), Actor: base().actor })).toEqual(['Actor']);
    expect(pathsOf({ ...base(), objectType: 'Statement' })).toEqual(['objectType']);
  });

  it('accepts what an LRS adds: stored, authority, version', () => {
    const stored = { ...base(), stored: '2024-01-01T00:00:00Z', authority: { account: { homePage: 'http://lrs.example.edu', name: 'x' } }, version: '1.0.0' };
    expect(problemsOf(stored)).toEqual([]);
    expect(pathsOf({ ...stored, version: '1.1.0' })).toEqual(['version']);
  });

  it('refuses null outside extensions, allows it inside them', () => {
    expect(pathsOf({ ...base(), actor: { mbox: 'mailto:a@b.example', name: null } })).toContain('actor.name');
    expect(problemsOf({ ...base(), result: { extensions: { 'http://example.com/null': null } } })).toEqual([]);
  });
});

describe('validateStatement: ids, timestamps, durations', () => {
  it.each(['AA97B177-9383-4934-8543-0F91A7A028368', 'MA97B177-9383-4934-8543-0F91A7A02836', 12345])('id %p is not a UUID', (id) => {
    expect(pathsOf({ ...base(), id })).toEqual(['id']);
  });

  it('accepts an upper-case UUID', () => expect(problemsOf({ ...base(), id: 'AA97B177-9383-4934-8543-0F91A7A02836' })).toEqual([]));

  it.each(['should fail', '01/011/2015', '2008-09-15T15:53:00.601-00', '2008-09-15T15:53:00.601-0000', '2008-09-15T15:53:00.601-00:00'])(
    'timestamp %s is refused',
    (timestamp) => expect(pathsOf({ ...base(), timestamp })).toEqual(['timestamp']),
  );

  it.each(['2013-05-18T05:32:34.804Z', '2013-05-18T05:32:34.804+00:00', '2013-05-18T05:32:34+0300', '2099-01-01T00:00:00Z'])('timestamp %s is accepted', (timestamp) => {
    expect(problemsOf({ ...base(), timestamp })).toEqual([]);
  });

  it.each(['PT1H0M0.1S', 'PT16559.14S', 'P3Y1M29DT4H35M59.14S', 'P3Y', 'P4W'])('duration %s is accepted', (duration) => {
    expect(problemsOf({ ...base(), result: { duration } })).toEqual([]);
  });

  it.each(['P4W1D', 'PA1H0M0S', 'P', 'PT', 'should fail', 12345])('duration %p is refused', (duration) => {
    expect(pathsOf({ ...base(), result: { duration } })).toEqual(['result.duration']);
  });
});

describe('validateStatement: actors', () => {
  const withActor = (actor: unknown) => pathsOf({ ...base(), actor });

  it('an mbox must be a mailto: IRI', () => expect(withActor({ mbox: 'learner@example.edu' })).toEqual(['actor.mbox']));

  it('an Agent has exactly one identifier', () => {
    expect(withActor({ name: 'nobody' })).toEqual(['actor']);
    expect(withActor({ mbox: 'mailto:a@b.example', openid: 'http://openid.example/a' })).toEqual(['actor']);
  });

  it('an account has a homePage IRL and a string name, nothing else', () => {
    expect(withActor({ account: { homePage: 'lms', name: '1' } })).toEqual(['actor.account.homePage']);
    expect(withActor({ account: { homePage: 'http://lms.example', name: { key: 'x' } } })).toEqual(['actor.account.name']);
    expect(withActor({ account: { homePage: 'http://lms.example', name: '1', id: 2 } })).toEqual(['actor.account.id']);
  });

  it('an anonymous Group needs members, which are Agents', () => {
    expect(withActor({ objectType: 'Group', name: 'team' })).toEqual(['actor.member']);
    expect(withActor({ objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:g@x.example' }] })).toEqual(['actor.member[0].objectType']);
    expect(withActor({ objectType: 'Group', member: [{ mbox: 'mailto:a@x.example' }] })).toEqual([]);
  });

  it('objectType values are case-sensitive', () => expect(withActor({ objectType: 'agent', mbox: 'mailto:a@b.example' })).toEqual(['actor.objectType']));
});

describe('validateStatement: verb, object, result, context', () => {
  it('verb.id must be an IRI and display a language map with RFC 5646 tags', () => {
    expect(pathsOf({ ...base(), verb: { id: 'completed' } })).toEqual(['verb.id']);
    expect(pathsOf({ ...base(), verb: { id: 'http://x.example/v', display: {} } })).toEqual(['verb.display']);
    expect(pathsOf({ ...base(), verb: { id: 'http://x.example/v', display: { a12345: 'x' } } })).toEqual(['verb.display.a12345']);
    expect(pathsOf({ ...base(), verb: { id: 'http://x.example/v', display: { 'de-419-DE': 'x' } } })).toEqual(['verb.display.de-419-DE']);
    expect(problemsOf({ ...base(), verb: { id: 'http://x.example/v', display: { und: 'x', tlh: 'y', 'zh-Hant-TW': 'z' } } })).toEqual([]);
  });

  it('object types are Activity, Agent, Group, StatementRef or SubStatement', () => {
    expect(pathsOf({ ...base(), object: { objectType: 'activity', id: 'http://x.example/a' } })).toEqual(['object.objectType']);
    expect(pathsOf({ ...base(), object: { objectType: 'StatementRef', id: 'nope' } })).toEqual(['object.id']);
    expect(pathsOf({ ...base(), object: { mbox: 'mailto:a@b.example' } })).toEqual(['object.mbox', 'object.id']);
    expect(problemsOf({ ...base(), object: { objectType: 'Agent', mbox: 'mailto:a@b.example' } })).toEqual([]);
  });

  it('an activity definition is checked: interactionType enum, moreInfo IRL, extension keys', () => {
    const object = (definition: unknown) => ({ ...base(), object: { id: 'http://x.example/a', definition } });
    expect(pathsOf(object({ interactionType: 'true-faLse' }))).toEqual(['object.definition.interactionType']);
    expect(pathsOf(object({ moreInfo: 'not a url' }))).toEqual(['object.definition.moreInfo']);
    expect(pathsOf(object({ extensions: { notAnIri: 1 } }))).toEqual(['object.definition.extensions.notAnIri']);
    expect(pathsOf(object({ name: 'plain string' }))).toEqual(['object.definition.name']);
  });

  it('a SubStatement has the core parts and no nested SubStatement or id', () => {
    const sub = { objectType: 'SubStatement', ...base() };
    expect(problemsOf({ ...base(), object: sub })).toEqual([]);
    expect(pathsOf({ ...base(), object: { ...sub, id: 'AA97B177-9383-4934-8543-0F91A7A02836' } })).toEqual(['object.id']);
    expect(pathsOf({ ...base(), object: { ...sub, object: { ...sub } } })).toEqual(['object.object.objectType']);
    expect(pathsOf({ ...base(), object: { objectType: 'SubStatement', verb: base().verb, object: base().object } })).toEqual(['object.actor']);
  });

  it('a voiding statement needs a StatementRef', () => {
    expect(pathsOf({ ...base(), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } })).toEqual(['object']);
  });

  it('scores: scaled in [-1, 1], raw within min and max, min below max, numbers only', () => {
    const score = (s: unknown) => pathsOf({ ...base(), result: { score: s } });
    expect(score({ scaled: 1.5 })).toEqual(['result.score.scaled']);
    expect(score({ raw: 11, min: 0, max: 10 })).toEqual(['result.score.raw']);
    expect(score({ raw: -1, min: 0 })).toEqual(['result.score.raw']);
    expect(score({ min: 10, max: 10 })).toEqual(['result.score.max']);
    expect(score({ max: '100' })).toEqual(['result.score.max']);
    expect(score({ scaled: -1, raw: 0, min: 0, max: 10 })).toEqual([]);
  });

  it('result flags are booleans', () => {
    expect(pathsOf({ ...base(), result: { completion: 'false', success: 'yes' } })).toEqual(['result.success', 'result.completion']);
  });

  it('context: registration UUID, team a Group, revision and platform only on Activities', () => {
    expect(pathsOf({ ...base(), context: { registration: 'x' } })).toEqual(['context.registration']);
    expect(pathsOf({ ...base(), context: { team: { mbox: 'mailto:a@b.example' } } })).toEqual(['context.team.objectType']);
    expect(pathsOf({ ...base(), object: { objectType: 'Agent', mbox: 'mailto:a@b.example' }, context: { platform: 'Moodle' } })).toEqual(['context.platform']);
    expect(pathsOf({ ...base(), context: { contextActivities: { parent: [{ id: 'nope' }], Parent: [] } } })).toEqual(['context.contextActivities.Parent', 'context.contextActivities.parent[0].id']);
  });

  it('attachments carry usageType, display, contentType, length and sha2', () => {
    const attachment = { usageType: 'http://example.com/attachment-usage/test', display: { 'en-US': 'A' }, contentType: 'text/plain', length: 27, sha2: 'abc' };
    expect(problemsOf({ ...base(), attachments: [attachment] })).toEqual([]);
    expect(pathsOf({ ...base(), attachments: [{ ...attachment, length: '27', display: {} }] })).toEqual(['attachments[0].display', 'attachments[0].length']);
  });
});
