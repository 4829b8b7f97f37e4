import { AppHarness } from '../support/app-harness';
import { expectedAnswer, payload, vector } from '../support/platform-payloads';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('BigBlueButton webhooks: the instructor\'s own join', () => {
  it('is placed on the section they teach, so the class counts as held in the contact hours, and counts for no student', async () => {
    const joined = vector('bigbluebutton', 'user-joined.json');
    const app = await AppHarness.start('2024-02-19T23:00:00Z', { BBB_SHARED_SECRET: joined.shared_secret, BBB_CALLBACK_URL: joined.callback_url_as_registered });
    try {
      await app.put('/api/v1/sections/BBB2', { termId: 'T', courseCode: 'C', level: 'evening-virtual', instructors: ['w_uxw0dzhtvk0l'], policy: { minVirtualClassMinutes: 0 } });
      await app.put('/api/v1/sections/BBB2/enrollments/s-1', { enrolledAt: '2024-02-01T00:00:00Z' });
      await app.put('/api/v1/sections/BBB2/items/vc1', { kind: 'virtualClass', startsAt: '2024-02-19T22:19:00Z', endsAt: '2024-02-19T22:19:30Z', links: { bigbluebutton: 'random-9019868' } });
      const sent = await app.raw('POST', `/api/v1/webhooks/bigbluebutton?checksum=${joined.checksum_sha1}`, joined.raw_body, form);
      expect(sent.body).toMatchObject({ accepted: 1 });
      const report = await app.get(`/api/v1/sections/BBB2/contact-hours?after=${sent.body.position}`);
      expect(report.body.classes).toEqual([expect.objectContaining({ itemId: 'vc1', state: 'held', instructorsConnected: ['w_uxw0dzhtvk0l'] })]);
      expect((await app.get('/api/v1/webhooks/unmatched')).body.unmatched).toEqual([]);
      expect((await app.get('/api/v1/sections/BBB2/attendance')).body.students.map((s: { studentId: string }) => s.studentId)).toEqual(['s-1']);
    } finally {
      await app.close();
    }
  });
});

describe('BigBlueButton webhooks', () => {
  let app: AppHarness;
  const joined = vector('bigbluebutton', 'user-joined.json');
  const ended = vector('bigbluebutton', 'meeting-ended.json');
  beforeAll(async () => {
    app = await AppHarness.start('2024-02-19T23:00:00Z', { BBB_SHARED_SECRET: joined.shared_secret, BBB_CALLBACK_URL: joined.callback_url_as_registered });
    // A 30-second class around the example's join (22:18:57.694Z) and meeting end (22:19:15.717Z).
    await app.put('/api/v1/sections/BBB1', { termId: 'T', courseCode: 'C', level: 'evening-virtual', policy: { minVirtualClassMinutes: 0 } });
    await app.put('/api/v1/sections/BBB1/enrollments/w_uxw0dzhtvk0l', { enrolledAt: '2024-02-01T00:00:00Z' });
    await app.put('/api/v1/sections/BBB1/items/vc1', { kind: 'virtualClass', startsAt: '2024-02-19T22:19:00Z', endsAt: '2024-02-19T22:19:30Z', links: { bigbluebutton: 'random-9019868' } });
  });
  afterAll(() => app.close());

  it('refuses a bad checksum with 401 and stores nothing', async () => {
    const bad = await app.raw('POST', '/api/v1/webhooks/bigbluebutton?checksum=' + '0'.repeat(40), joined.raw_body, form);
    expect(bad.status).toBe(401);
    expect((await app.get('/api/v1/webhooks/stats')).body.platforms.bigbluebutton).toMatchObject({ unauthorized: 1, accepted: 0 });
  });

  it('takes a user-joined event signed with sha1 once, and its redelivery as a duplicate', async () => {
    const first = await app.raw('POST', `/api/v1/webhooks/bigbluebutton?checksum=${joined.checksum_sha1}`, joined.raw_body, form);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 1, accepted: 1, duplicates: 0 });
    const again = await app.raw('POST', '/api/v1/webhooks/bigbluebutton', joined.raw_body, { ...form, authorization: `Bearer ${joined.shared_secret}` });
    expect(again.body).toMatchObject({ received: 1, accepted: 0, duplicates: 1 });
  });

  it('closes the open interval of everyone still in the meeting when it ends (sha256 checksum)', async () => {
    const end = await app.raw('POST', `/api/v1/webhooks/bigbluebutton?checksum=${ended.checksum_sha256}`, ended.raw_body, form);
    expect(end.body).toMatchObject({ received: 1, accepted: 1 });
    const { body } = await app.get(`/api/v1/sections/BBB1/students/w_uxw0dzhtvk0l?after=${end.body.position}`);
    const vc1 = body.items.find((i: any) => i.itemId === 'vc1');
    // Connected 22:19:00 to 22:19:15.717 of a 30-second class: more than half.
    expect(vc1.outcome).toBe('present');
    expect(vc1.evidence[0].factIds).toHaveLength(2);
    expect(vc1.evidence[0].factIds[1]).toContain('meeting-ended');
  });

  it('is switched off (404) where no secret is set', async () => {
    expect((await app.raw('POST', '/api/v1/webhooks/zoom', '{}', { 'content-type': 'application/json' })).status).toBe(404);
  });
});

describe('Zoom webhooks', () => {
  let app: AppHarness;
  const joined = vector('zoom', 'meeting.participant_joined.json');
  const left = vector('zoom', 'meeting.participant_left.json');
  const validation = vector('zoom', 'endpoint.url_validation.json');
  const send = (v: Record<string, string>, signature = v['x-zm-signature']) =>
    app.raw('POST', '/api/v1/webhooks/zoom', v.raw_body, { 'content-type': 'application/json', 'x-zm-signature': signature, 'x-zm-request-timestamp': v['x-zm-request-timestamp'] });

  beforeAll(async () => {
    // The recorded deliveries all carry the join's request timestamp; the leave happened 55 minutes later,
    // so the clock stands after the leave and the replay window is widened to take both.
    app = await AppHarness.start('2024-03-12T14:59:00Z', { ZOOM_WEBHOOK_SECRET_TOKEN: joined.secret_token, ZOOM_REPLAY_WINDOW_SECONDS: '3600' });
    await app.put('/api/v1/sections/Z1', { termId: 'T', courseCode: 'DS101', level: 'online' });
    await app.put('/api/v1/sections/Z1/enrollments/noura', { enrolledAt: '2024-02-01T00:00:00Z' });
    await app.put('/api/v1/sections/Z1/items/week5', { kind: 'virtualClass', startsAt: '2024-03-12T14:00:00Z', endsAt: '2024-03-12T15:00:00Z', links: { zoom: '85746065432' } });
  });
  afterAll(() => app.close());

  it('answers the endpoint.url_validation handshake', async () => {
    const answer = await send(validation);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expectedAnswer('zoom', 'endpoint.url_validation.json'));
  });

  it('keeps a join whose participant is not known yet, lists it, and counts it once the identity arrives', async () => {
    const first = await send(joined);
    expect(first.body).toMatchObject({ accepted: 1 });
    const { body } = await app.get('/api/v1/webhooks/unmatched');
    expect(body.unmatched).toEqual([expect.objectContaining({ reason: expect.stringContaining('no student enrolled in section Z1 matches') })]);
    const identity = await app.put('/api/v1/students/noura/identities', { email: 'noura.alharbi@student.example.edu' });
    const left1 = await send(left);
    expect(left1.body).toMatchObject({ accepted: 1 });
    const record = await app.get(`/api/v1/sections/Z1/students/noura?after=${left1.body.position}`);
    expect(record.body.items[0]).toMatchObject({ itemId: 'week5', outcome: 'present' });
    expect((await app.get('/api/v1/webhooks/unmatched')).body.unmatched).toEqual([]);
    expect(identity.status).toBe(200);
  });

  it('dedupes a retry of the same event and refuses a bad signature or an old timestamp', async () => {
    expect((await send(joined)).body).toMatchObject({ duplicates: 1 });
    expect((await send(joined, 'v0=' + 'a'.repeat(64))).status).toBe(401);
    app.setTime('2024-03-12T16:03:00Z');
    expect((await send(joined)).status).toBe(401);
  });
});

describe('pulled reports: Teams and Blackboard', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await AppHarness.start('2024-04-01T00:00:00Z');
    await app.put('/api/v1/sections/P1', { termId: 'T', courseCode: 'C', level: 'blended', inPersonSharePercent: 50 });
    for (const s of ['frederick', 'stu-20231187', '_4821_1', '_4822_1', '_4823_1']) await app.put(`/api/v1/sections/P1/enrollments/${s}`, { enrolledAt: '2021-01-01T00:00:00Z' });
    await app.put('/api/v1/students/frederick/identities', { teams: 'dc17674c-81d9-4adb-bfb2-8f6a442e4623' });
    await app.put('/api/v1/sections/P1/items/teams-1', { kind: 'virtualClass', startsAt: '2021-03-16T19:00:00Z', endsAt: '2021-03-16T20:00:00Z', links: { teams: 'MSpkYzE3' } });
    await app.put('/api/v1/sections/P1/items/collab-1', { kind: 'virtualClass', startsAt: '2024-03-12T14:00:00Z', endsAt: '2024-03-12T15:00:00Z', links: { blackboard: 'session-1' } });
    await app.put('/api/v1/sections/P1/items/learn-1', { kind: 'inPerson', startsAt: '2024-03-13T08:00:00Z', endsAt: '2024-03-13T09:00:00Z', links: { blackboard: '3021' } });
  });
  afterAll(() => app.close());

  it('imports a Teams attendance report with an integration token only', async () => {
    const integration = await app.token('integration', 'graph-puller');
    const student = await app.token('student', 'frederick');
    const body = { meetingId: 'MSpkYzE3', report: payload('teams', 'meetingAttendanceReport.json') };
    expect((await app.post('/api/v1/imports/teams', body, student)).status).toBe(403);
    const imported = await app.post('/api/v1/imports/teams', body, integration);
    expect(imported.status).toBe(200);
    expect(imported.body.accepted).toBeGreaterThan(0);
    expect((await app.post('/api/v1/imports/teams', body, integration)).body).toMatchObject({ accepted: 0, duplicates: imported.body.accepted });
    const { body: record } = await app.get(`/api/v1/sections/P1/students/frederick?after=${imported.body.position}`);
    expect(record.items.find((i: any) => i.itemId === 'teams-1').evidence[0].factIds.length).toBe(imported.body.accepted);
  });

  it('imports Collaborate attendees and Learn marks', async () => {
    const collab = await app.post('/api/v1/imports/blackboard', { kind: 'collaborate', sessionId: 'session-1', report: payload('blackboard', 'collaborate.session-instance-attendees.json') });
    expect(collab.body).toMatchObject({ accepted: 4 });
    const learn = await app.post('/api/v1/imports/blackboard', { kind: 'learn', sessionId: '3021', pulledAt: '2024-03-13T10:00:00Z', report: payload('blackboard', 'learn.meeting-attendance.json') });
    expect(learn.body).toMatchObject({ accepted: 3, ignored: [expect.objectContaining({ reason: expect.stringContaining('xcuse') })] });
    const bad = await app.post('/api/v1/imports/blackboard', { kind: 'learn', sessionId: '3021', report: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('pulledAt');
    const rows = (await app.get(`/api/v1/sections/P1/attendance?after=${learn.body.position}`)).body.students;
    const outcome = async (studentId: string, itemId: string) => (await app.get(`/api/v1/sections/P1/students/${studentId}`)).body.items.find((i: any) => i.itemId === itemId).outcome;
    expect(rows).toHaveLength(5);
    expect(await outcome('stu-20231187', 'collab-1')).toBe('present');
    expect([await outcome('_4821_1', 'learn-1'), await outcome('_4822_1', 'learn-1'), await outcome('_4823_1', 'learn-1')]).toEqual(['present', 'late', 'absent']);
  });
});
