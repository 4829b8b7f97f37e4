import { NoticeIssuer } from '../apps/api/src/notices/notice-issuer';
import { signDelivery } from '../apps/api/src/outbound/webhook-dispatcher';
import { AppHarness } from './support/app-harness';
import { Receiver } from './support/receiver';

const SECRET = 'institution-secret-0123456789';

describe('outbound webhook of notices', () => {
  let app: AppHarness;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = new Receiver(2);
    await receiver.start();
    app = await AppHarness.start('2026-09-01T00:00:00Z', { OUTBOUND_RETRY_BASE_MS: '20', OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' });
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('delivers each notice once it is taken, signed, in order, after retries while the receiver fails', async () => {
    expect((await app.put('/api/v1/outbound-webhooks/majmaah', { url: receiver.url, secret: 'short' })).status).toBe(400);
    expect((await app.put('/api/v1/outbound-webhooks/majmaah', { url: receiver.url, secret: SECRET })).status).toBe(200);
    await app.put('/api/v1/sections/W1', { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/W1/enrollments/nora', { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (const n of [1, 2, 3, 4]) await app.put(`/api/v1/sections/W1/items/a${n}`, { kind: 'eActivity', dueAt: `2026-09-0${n + 1}T00:00:00+03:00` });
    app.setTime('2026-09-10T00:00:00Z');
    await app.app.get(NoticeIssuer).tick();

    await receiver.receivedCount(1);
    const [delivery] = receiver.received;
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ type: 'attendance.notice', notice: { kind: 'deprived', studentId: 'nora', sectionId: 'W1' } });
    expect(delivery.headers['x-attendance-event-id']).toBe(body.id);
    const timestamp = Number(/t=(\d+)/.exec(String(delivery.headers['x-attendance-signature']))![1]);
    expect(delivery.headers['x-attendance-signature']).toBe(signDelivery(SECRET, timestamp, delivery.body));

    const { body: list } = await app.get('/api/v1/outbound-webhooks');
    expect(list.webhooks[0]).toMatchObject({ name: 'majmaah', failures: 0 });
  });

  it('does not deliver again after a restart, and delivers what came while it was down', async () => {
    await app.restart();
    await app.post('/api/v1/sections/W1/excuses', { studentId: 'nora', itemIds: ['a1', 'a2', 'a3', 'a4'], reason: 'surgery', decidedBy: 'council' });
    await app.app.get(NoticeIssuer).settled();
    await receiver.receivedCount(2);
    expect(receiver.received.map((r) => JSON.parse(r.body).notice.kind)).toEqual(['deprived', 'lifted']);
  });
});
