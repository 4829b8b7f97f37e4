import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { WebhookDispatcher } from '../../apps/api/src/outbound/webhook-dispatcher';
import { AppHarness } from '../support/app-harness';
import { factsOf, PastSection, pastSection, shuffled } from '../support/past-term';
import { Receiver } from '../support/receiver';

/** Mid-term: the whole schedule of September is loaded on 1 November, its facts over the minutes after. */
const LOADED_AT = Date.parse('2026-11-01T09:00:00Z');
const minutesAfter = (m: number) => new Date(LOADED_AT + m * 60_000).toISOString();

/** Who does what: full attendance, exactly 25% of the recorded lectures missed (warned twice), half the activities or classes missed (deprived). */
const sectionsWith = (policy: Record<string, unknown>): PastSection[] => [
  pastSection('BL-1', 'blended', { 'bl-full': [], 'bl-warned': ['rl2'], 'bl-deprived': ['ea1', 'ea3'] }, policy),
  pastSection('ON-1', 'online', { 'on-full': [], 'on-deprived': ['vc1', 'vc2'] }, policy),
];
const STUDENTS = ['bl-full', 'bl-warned', 'bl-deprived', 'on-full', 'on-deprived'];

async function loadSchedule(app: AppHarness, sections: PastSection[]): Promise<void> {
  for (const s of sections) {
    expect((await app.put(`/api/v1/sections/${s.sectionId}`, s.section)).status).toBe(200);
    for (const studentId of Object.keys(s.skips)) await app.put(`/api/v1/sections/${s.sectionId}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (const [itemId, body] of s.items) expect((await app.put(`/api/v1/sections/${s.sectionId}/items/${itemId}`, body)).status).toBe(200);
  }
}

/** The facts in a random order, in five batches a minute apart, the notice checks running after each. */
async function sendFactsOverMinutes(app: AppHarness, sections: PastSection[], seed: number): Promise<void> {
  const facts = shuffled(sections.flatMap(factsOf), seed);
  const batch = Math.ceil(facts.length / 5);
  for (let i = 0; i < 5; i++) {
    app.setTime(minutesAfter(i + 1));
    const { results } = await app.pushFacts(facts.slice(i * batch, (i + 1) * batch));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    await app.app.get(NoticeIssuer).tick();
  }
}

async function noticesOf(app: AppHarness, studentId: string): Promise<string[]> {
  const position = await app.app.get(NoticeIssuer).settled();
  const { body } = await app.get(`/api/v1/students/${studentId}/notifications?after=${position}`);
  return body.notifications.map((n: any) => n.kind).reverse();
}

const told = async (app: AppHarness) => Object.fromEntries(await Promise.all(STUDENTS.map(async (s) => [s, await noticesOf(app, s)])));

describe('settled notices (I6a): a schedule loaded before its facts tells nobody anything false', () => {
  let app: AppHarness;
  const receiver = new Receiver(0);

  beforeAll(async () => {
    await receiver.start();
    app = await AppHarness.start(minutesAfter(0), { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' });
    expect((await app.put('/api/v1/outbound-webhooks/registrar', { url: receiver.url, secret: 'registrar-secret-0123456789' })).status).toBe(200);
    await loadSchedule(app, sectionsWith({}));
    await app.app.get(NoticeIssuer).tick();
    await sendFactsOverMinutes(app, sectionsWith({}), 20261101);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('shows the status at once: the students who missed classes are deprived or warned before any notice', async () => {
    const { body } = await app.get('/api/v1/sections/BL-1/eligibility');
    expect(Object.fromEntries(body.students.map((s: any) => [s.studentId, s.status]))).toEqual({ 'bl-full': 'good', 'bl-warned': 'warning-2', 'bl-deprived': 'deprived' });
    expect(await told(app)).toEqual({ 'bl-full': [], 'bl-warned': [], 'bl-deprived': [], 'on-full': [], 'on-deprived': [] });
  });

  it('tells nobody before the standing has held for an hour, also across a restart', async () => {
    app.setTime(minutesAfter(30));
    await app.app.get(NoticeIssuer).tick();
    await app.restart();
    app.setTime(minutesAfter(59));
    await app.app.get(NoticeIssuer).tick();
    expect(await told(app)).toEqual({ 'bl-full': [], 'bl-warned': [], 'bl-deprived': [], 'on-full': [], 'on-deprived': [] });
  });

  it('tells the really deprived and warned exactly once when the hour has passed, and the full attenders nothing', async () => {
    app.setTime(minutesAfter(60));
    await app.app.get(NoticeIssuer).tick();
    app.setTime(minutesAfter(180));
    await app.app.get(NoticeIssuer).tick();
    expect(await told(app)).toEqual({ 'bl-full': [], 'bl-warned': ['warning-2'], 'bl-deprived': ['deprived'], 'on-full': [], 'on-deprived': ['deprived'] });
    const [notice] = (await app.get('/api/v1/students/on-deprived/notifications')).body.notifications;
    expect(notice).toMatchObject({
      sectionId: 'ON-1',
      kind: 'deprived',
      issuedAt: minutesAfter(60),
      components: { virtualClass: { absencePercent: 50, limitPercent: 25 }, eActivity: { absencePercent: 0, limitPercent: 25 } },
      causes: ['virtualClass'],
    });
    expect(notice.message.ar).toContain('حُرمت من دخول الاختبار النهائي');
    expect(notice.message.en).toContain('deprived');
  });

  it('delivers to the outbound webhook exactly what was told', async () => {
    const head = await app.app.get(NoticeIssuer).settled();
    await app.app.get(WebhookDispatcher).deliveredUpTo('registrar', head);
    const delivered = receiver.received.map((r) => JSON.parse(r.body).notice).map((n) => `${n.studentId}:${n.kind}`);
    expect(delivered.sort()).toEqual(['bl-deprived:deprived', 'bl-warned:warning-2', 'on-deprived:deprived']);
  });
});

describe('notices told at once (noticeDelayMinutes: 0), as before I6a', () => {
  let app: AppHarness;
  afterAll(() => app.close());

  it('tells the full attenders they are deprived, then lifts it, as their facts arrive', async () => {
    app = await AppHarness.start(minutesAfter(0));
    const sections = sectionsWith({ noticeDelayMinutes: 0 });
    await loadSchedule(app, sections);
    await app.app.get(NoticeIssuer).tick();
    await sendFactsOverMinutes(app, sections, 20261101);
    const notices = await told(app);
    // Told "deprived" when the schedule came, then one "lifted" for each level it fell through.
    for (const full of ['bl-full', 'on-full']) {
      expect(notices[full][0]).toBe('deprived');
      expect(notices[full].slice(1)).toEqual(expect.arrayContaining(['lifted']));
      expect(new Set(notices[full].slice(1))).toEqual(new Set(['lifted']));
    }
    expect(notices['on-deprived']).toEqual(['deprived']);
  });
});
