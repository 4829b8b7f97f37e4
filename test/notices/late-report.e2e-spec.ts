import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AppHarness } from '../support/app-harness';

/** Ten 60-minute evening classes held on Teams, a day apart: one missed is 10%, the first warning. */
const classes = Array.from({ length: 10 }, (_, i) => {
  const day = `2026-10-${String(4 + i).padStart(2, '0')}`;
  return { itemId: `vc${i + 1}`, body: { kind: 'virtualClass', startsAt: `${day}T18:00:00+03:00`, endsAt: `${day}T19:00:00+03:00`, links: { teams: `meeting-${i + 1}` } } };
});
const CLASS_ENDS = Date.parse(classes[0].body.endsAt);
const hoursAfterClass = (h: number) => new Date(CLASS_ENDS + h * 3_600_000).toISOString();

/** The Graph attendance report of the first class, as an integration pulls it: huda and ziad attended, sami did not. */
const report = {
  id: 'report-1',
  attendanceRecords: ['huda', 'ziad'].map((id) => ({
    identity: { id, displayName: id },
    attendanceIntervals: [{ joinDateTime: '2026-10-04T15:01:00.0000000Z', leaveDateTime: '2026-10-04T15:59:00.0000000Z', durationInSeconds: 3480 }],
  })),
};

describe('a Teams report pulled three hours after the class', () => {
  let app: AppHarness;
  let integration: string;
  const tick = async (at: string) => {
    app.setTime(at);
    return app.app.get(NoticeIssuer).tick();
  };
  const notices = async (studentId: string) => {
    const position = await app.app.get(NoticeIssuer).settled();
    return (await app.get(`/api/v1/students/${studentId}/notifications?after=${position}`)).body.notifications.map((n: any) => n.kind);
  };
  const statusOf = async (studentId: string) => (await app.get(`/api/v1/sections/EV-T/students/${studentId}`)).body;

  beforeAll(async () => {
    app = await AppHarness.start('2026-10-01T00:00:00Z');
    integration = await app.token('integration', 'teams-sync');
    await app.put('/api/v1/sections/EV-T', { termId: '1448-1', courseCode: 'MATH201', level: 'evening-virtual' });
    for (const s of ['huda', 'ziad', 'sami']) await app.put(`/api/v1/sections/EV-T/enrollments/${s}`, { enrolledAt: '2026-10-01T00:00:00+03:00' });
    for (const { itemId, body } of classes) await app.put(`/api/v1/sections/EV-T/items/${itemId}`, body);
  });
  afterAll(() => app.close());

  it('keeps the class pending while its report is awaited: nobody is absent and nobody is warned in between', async () => {
    for (const h of [0, 0.5, 1, 1.5, 2, 2.5, 2.99]) await tick(hoursAfterClass(h));
    const sami = await statusOf('sami');
    expect(sami).toMatchObject({ status: 'good', components: { virtualClass: { absent: 0, pending: 600 } } });
    expect(sami.items[0].evidence.map((e: any) => e.code)).toContain('awaiting-report');
    for (const s of ['huda', 'ziad', 'sami']) expect(await notices(s)).toEqual([]);
  });

  it('decides the class once the report is in: who attended is present, who is not in it is absent', async () => {
    await tick(hoursAfterClass(3));
    const imported = await app.post('/api/v1/imports/teams', { meetingId: 'meeting-1', report }, integration);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ accepted: 4 });
    const read = async (s: string) => (await app.get(`/api/v1/sections/EV-T/students/${s}?after=${imported.body.position}`)).body;
    expect((await read('huda')).items[0].outcome).toBe('present');
    expect(await read('sami')).toMatchObject({ status: 'warning-1', components: { virtualClass: { absent: 60 } } });
  });

  it('warns only the student the report shows absent, an hour later; the others never hear a thing', async () => {
    await tick(hoursAfterClass(3.5));
    expect(await notices('sami')).toEqual([]);
    await tick(hoursAfterClass(4));
    await tick(hoursAfterClass(6));
    expect(await notices('sami')).toEqual(['warning-1']);
    expect(await notices('huda')).toEqual([]);
    expect(await notices('ziad')).toEqual([]);
  });

  it('decides a class whose report never comes once reportWaitMinutes have passed', async () => {
    // The second class's report is never imported: a day after it ended, its no-shows are absent.
    const secondEnds = Date.parse(classes[1].body.endsAt);
    await tick(new Date(secondEnds + 23 * 3_600_000).toISOString());
    expect((await statusOf('huda')).items.find((i: any) => i.itemId === 'vc2').outcome).toBe('pending');
    await tick(new Date(secondEnds + 24 * 3_600_000).toISOString());
    expect((await statusOf('huda')).items.find((i: any) => i.itemId === 'vc2').outcome).toBe('absent');
  });
});
