import { NoticeIssuer } from '../apps/api/src/notices/notice-issuer';
import { AppHarness } from './support/app-harness';
import { SseStream, sseData } from './support/sse';

/** Ten 60-minute virtual classes, one a day from 6 September: each missed class is 10% absence. */
const classes = Array.from({ length: 10 }, (_, i) => {
  const day = String(6 + i).padStart(2, '0');
  return { itemId: `vc${i + 1}`, startsAt: `2026-09-${day}T08:00:00+03:00`, endsAt: `2026-09-${day}T09:00:00+03:00` };
});
const afterClass = (n: number) => classes[n - 1].endsAt.replace('09:00:00', '09:00:01');

describe('deadlines, warnings and live feeds as the clock moves, notices told at once (noticeDelayMinutes 0)', () => {
  let app: AppHarness;
  let sara: string;
  let huda: string;
  const issuer = () => app.app.get(NoticeIssuer);
  const tickAt = async (iso: string) => {
    app.setTime(iso);
    return issuer().tick();
  };
  const notifications = async (after: bigint) => (await app.get(`/api/v1/students/sara/notifications?after=${after}`)).body.notifications;

  beforeAll(async () => {
    app = await AppHarness.start('2026-09-01T00:00:00Z');
    sara = await app.token('student', 'sara');
    huda = await app.token('faculty', 'dr-huda');
    await app.put('/api/v1/sections/EV1', { termId: 'T', courseCode: 'MATH', level: 'evening-virtual', instructors: ['dr-huda'], policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/EV1/enrollments/sara', { enrolledAt: '2026-09-01T00:00:00+03:00' });
    await app.put('/api/v1/sections/EV1/enrollments/omar', { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (const { itemId, ...times } of classes) await app.put(`/api/v1/sections/EV1/items/${itemId}`, { kind: 'virtualClass', ...times });
    await issuer().settled();
  });
  afterAll(() => app.close());

  it('turns a no-show absent when the class ends, with no new fact', async () => {
    app.setTime('2026-09-06T08:59:59+03:00');
    expect((await app.get('/api/v1/sections/EV1/students/sara')).body.items[0].outcome).toBe('pending');
    app.setTime(afterClass(1));
    const record = (await app.get('/api/v1/sections/EV1/students/sara')).body;
    expect(record.items.find((i: any) => i.itemId === 'vc1').outcome).toBe('absent');
    expect(record).toMatchObject({ status: 'warning-1', components: { virtualClass: { planned: 600, absent: 60, absencePercent: 10 } } });
  });

  it('warns once per level as deadlines pass, and tells the student live', async () => {
    const first = await tickAt(afterClass(1));
    expect((await notifications(first)).map((n: any) => n.kind)).toEqual(['warning-1']);
    const stream = await SseStream.open(`${app.url}/api/v1/students/sara/notifications/stream`, sara);
    const second = await tickAt(afterClass(2));
    const live = sseData(await stream.readUntil((text) => text.includes('"kind":"warning-2"')), 'notice');
    stream.close();
    expect(live.map((n) => n.kind)).toEqual(['warning-2']);
    expect(live[0]).toMatchObject({
      studentId: 'sara',
      sectionId: 'EV1',
      kind: 'warning-2',
      status: 'warning-2',
      components: { virtualClass: { absencePercent: 20, limitPercent: 25, absent: 120, planned: 600, allowance: 30 } },
      causes: ['virtualClass'],
    });
    expect(live[0].message.en).toBe('Second warning in section EV1: your absence has reached 20% in virtual classes. Above 25% you are deprived (محروم) of the final exam.');
    expect(live[0].message.ar).toContain('إنذار ثانٍ');
    expect(live[0].message.ar).toContain('الفصول الافتراضية');
    expect(live[0].message.ar).not.toContain('virtualClass');
    // Ticking again, even after a restart, tells nobody anything twice.
    await tickAt(afterClass(2));
    await app.restart();
    const again = await issuer().settled();
    expect((await notifications(again > second ? again : second)).map((n: any) => n.kind)).toEqual(['warning-2', 'warning-1']);
  });

  it('deprives past 25%, lifts when an excuse brings the student back, and never repeats a level', async () => {
    const deprived = await tickAt(afterClass(3));
    expect((await app.get(`/api/v1/sections/EV1/eligibility?after=${deprived}`)).body.students.find((s: any) => s.studentId === 'sara')).toMatchObject({
      eligible: false,
      reasons: [{ component: 'virtualClass', absencePercent: 30, limitPercent: 25 }],
    });
    const excuse = await app.post('/api/v1/sections/EV1/excuses', { studentId: 'sara', itemIds: ['vc1', 'vc2', 'vc3'], reason: 'hospital', decidedBy: 'college council' });
    await app.get(`/api/v1/sections/EV1/attendance?after=${excuse.body.position}`);
    const lifted = await issuer().settled();
    const told = await notifications(lifted);
    expect(told.map((n: any) => n.kind)).toEqual(['lifted', 'deprived', 'warning-2', 'warning-1']);
    expect(told[0]).toMatchObject({ from: 'deprived', status: 'good' });
    // omar missed the same classes and was told the same, once each.
    const omar = (await app.get(`/api/v1/students/omar/notifications`)).body.notifications;
    expect(omar.map((n: any) => n.kind)).toEqual(['deprived', 'warning-2', 'warning-1']);
  });

  it('answers eligibility as of a past moment with what was known then', async () => {
    const { body } = await app.get(`/api/v1/sections/EV1/eligibility?asOf=${encodeURIComponent(afterClass(2))}`);
    expect(body.students.find((s: any) => s.studentId === 'omar')).toMatchObject({ status: 'warning-2', eligible: true });
    expect(body.asOf).toBe(new Date(afterClass(2)).toISOString());
  });

  it('streams a section live to its instructor as facts arrive', async () => {
    app.setTime('2026-09-10T08:05:00+03:00');
    const stream = await SseStream.open(`${app.url}/api/v1/sections/EV1/live`, huda);
    await stream.readUntil((text) => text.includes('event: snapshot'));
    await app.pushFacts([{ id: 'omar-vc5', type: 'virtual-class.joined', occurredAt: '2026-09-10T08:01:00+03:00', sectionId: 'EV1', studentId: 'omar', itemId: 'vc5' }]);
    const text = await stream.readUntil((t) => t.includes('"type":"virtual-class.joined"'));
    stream.close();
    expect(sseData(text, 'snapshot')[0].students.map((s: any) => s.studentId)).toEqual(['omar', 'sara']);
    const change = sseData(text, 'change').find((c) => c.type === 'virtual-class.joined');
    expect(change).toMatchObject({ sectionId: 'EV1', studentId: 'omar', type: 'virtual-class.joined', student: { studentId: 'omar' } });
  });
});
