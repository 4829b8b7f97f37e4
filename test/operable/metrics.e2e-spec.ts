import { createServer, Server } from 'node:http';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { WebhookDispatcher } from '../../apps/api/src/outbound/webhook-dispatcher';
import { AttendanceProjection } from '../../apps/api/src/projection/attendance.projection';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { payload, payloadText } from '../support/platform-payloads';
import { Receiver } from '../support/receiver';
import { sample } from './prometheus-text';

const json = { 'content-type': 'application/json' };
/** The side-effects lease renews by appending to the store; an hour between renewals keeps the head still while a test looks at it. */
const STILL_HEAD = { LEASE_TTL_MS: '3600000' };

async function scrape(app: AppHarness): Promise<string> {
  const answer = await app.request('GET', '/metrics', { token: null });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return answer.text;
}

describe('GET /metrics: facts, requests and consumers', () => {
  let app: AppHarness;
  const moodle = (body: string) => app.raw('POST', '/api/v1/webhooks/moodle', body, json);

  beforeAll(async () => {
    app = await AppHarness.start('2024-03-20T00:00:00Z', { MOODLE_WEBHOOK_TOKEN: 'shared-token-configured-in-plugin', ...STILL_HEAD });
  });
  afterAll(() => app.close());

  it('counts facts accepted, duplicate and rejected per source, requests by route pattern, and shows every consumer', async () => {
    const access = (id: string) => ({ id, type: 'course.accessed', occurredAt: '2024-03-19T10:00:00+03:00', sectionId: 'OPS-SECTION-1', studentId: 's-4711' });
    const first = await app.pushFacts([access('ops-f1'), access('ops-f2')]);
    const second = await app.pushFacts([access('ops-f1'), { ...access('ops-f3'), studentId: undefined }]);
    expect([...first.results, ...second.results].map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'rejected']);

    expect((await moodle(payloadText('moodle', 'course_module_viewed.json'))).body).toMatchObject({ accepted: 1 });
    expect((await moodle(payloadText('moodle', 'assessable_submitted.json'))).body).toMatchObject({ accepted: 1 });
    expect((await moodle(payloadText('moodle', 'assessable_submitted.json'))).body).toMatchObject({ duplicates: 1 });
    expect((await moodle(JSON.stringify({ ...payload('moodle', 'assessable_submitted.json'), token: 'guess' }))).status).toBe(401);
    expect((await moodle(payloadText('moodle', 'user_loggedin.json'))).body.ignored).toHaveLength(1);

    expect((await app.get('/api/v1/sections/OPS-SECTION-1/attendance')).status).toBe(404);
    expect((await app.get('/no-such-page/s-4711')).status).toBe(404);

    // Every consumer reaches the head before the scrape: the projection, then the notice issuer that follows it.
    const head = BigInt((await app.get('/health', null)).body.position);
    await app.app.get(AttendanceProjection).waitFor(head);
    await app.app.get(NoticeIssuer).settled();

    const text = await scrape(app);
    expect(['accepted', 'duplicate', 'rejected'].map((outcome) => sample(text, 'attendance_facts_total', { source: 'api', outcome }))).toEqual([2, 1, 1]);
    expect(['accepted', 'duplicate', 'rejected'].map((outcome) => sample(text, 'attendance_facts_total', { source: 'moodle', outcome }))).toEqual([2, 1, 1]);
    expect(sample(text, 'attendance_platform_requests_refused_total', { platform: 'moodle', reason: 'unauthorized' })).toBe(1);

    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/events', status_code: '200' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/webhooks/moodle', status_code: '401' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/sections/:sectionId/attendance', status_code: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { method: 'POST', route: '/api/v1/events', status_code: '200', le: '+Inf' })).toBe(2);

    expect(sample(text, 'attendance_consumer_events_behind', { consumer: 'attendance' })).toBe(0);
    expect(sample(text, 'attendance_consumer_events_behind', { consumer: 'notices' })).toBe(0);
    expect(sample(text, 'attendance_consumer_lag_seconds', { consumer: 'attendance' })).toBe(0);
    expect(sample(text, 'attendance_consumer_alive', { consumer: 'attendance' })).toBe(1);
    expect(sample(text, 'attendance_consumer_failures', { consumer: 'notices' })).toBe(0);
    expect(sample(text, 'attendance_notices_issued')).toBe(0);
    expect(sample(text, 'attendance_lease_holder')).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    // Nothing from the requests themselves: no student, section, token, or URL.
    for (const secret of ['s-4711', 'OPS-SECTION-1', 'no-such-page', ADMIN_TOKEN, 'shared-token-configured-in-plugin', 'guess']) expect(text).not.toContain(secret);
  });
});

/** A receiver that refuses everything, and tells when it has refused `count` deliveries. */
class RefusingReceiver {
  private refused = 0;
  private waiting: Array<{ count: number; resolve: () => void }> = [];
  private server!: Server;
  url!: string;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(503).end();
        this.refused++;
        this.waiting = this.waiting.filter((w) => (this.refused >= w.count ? (w.resolve(), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks`;
  }

  refusedCount(count: number): Promise<void> {
    return this.refused >= count ? Promise.resolve() : new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('GET /metrics: notices and outbound webhooks', () => {
  let app: AppHarness;
  let receiver: Receiver;
  let refusing: RefusingReceiver;
  const SECRET = 'institution-secret-0123456789';

  beforeAll(async () => {
    receiver = new Receiver(1);
    refusing = new RefusingReceiver();
    await Promise.all([receiver.start(), refusing.start()]);
    app = await AppHarness.start('2026-09-01T00:00:00Z', { OUTBOUND_RETRY_BASE_MS: '20', OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true', ...STILL_HEAD });
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([receiver.stop(), refusing.stop()]);
  });

  it('counts notices issued, deliveries per webhook and the failures of one whose receiver refuses, and shows its consumer behind', async () => {
    expect((await app.put('/api/v1/outbound-webhooks/majmaah', { url: receiver.url, secret: SECRET })).status).toBe(200);
    expect((await app.put('/api/v1/outbound-webhooks/broken', { url: refusing.url, secret: SECRET })).status).toBe(200);
    await app.put('/api/v1/sections/W1', { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/W1/enrollments/nora', { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (const n of [1, 2, 3, 4]) await app.put(`/api/v1/sections/W1/items/a${n}`, { kind: 'eActivity', dueAt: `2026-09-0${n + 1}T00:00:00+03:00` });
    app.setTime('2026-09-10T00:00:00Z');
    await app.app.get(NoticeIssuer).tick();

    // The first try at majmaah is refused, the second taken; broken refuses every try.
    await receiver.receivedCount(1);
    const position = BigInt(JSON.parse(receiver.received[0].body).notice.position);
    await app.app.get(WebhookDispatcher).deliveredUpTo('majmaah', position);
    await app.app.get(AttendanceProjection).waitFor(position);
    // A failure is counted before the next try is made.
    await refusing.refusedCount(2);
    // Five minutes on: broken's oldest waiting event (the notice) has waited that long.
    app.setTime('2026-09-10T00:05:00Z');

    const text = await scrape(app);
    expect(sample(text, 'attendance_notices_issued')).toBe(1);
    expect(sample(text, 'attendance_outbound_delivered_total', { webhook: 'majmaah' })).toBe(1);
    expect(sample(text, 'attendance_outbound_delivered_total', { webhook: 'broken' })).toBe(0);
    expect(sample(text, 'attendance_outbound_failures', { webhook: 'majmaah' })).toBe(0);
    expect(sample(text, 'attendance_outbound_failures', { webhook: 'broken' })).toBeGreaterThanOrEqual(1);
    // broken is stuck at the notice: it and whatever came after are behind, and the notice has waited since it was stored.
    expect(sample(text, 'attendance_consumer_events_behind', { consumer: 'outbound:broken' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'attendance_consumer_lag_seconds', { consumer: 'outbound:broken' })).toBeGreaterThanOrEqual(300);
    expect(sample(text, 'attendance_consumer_alive', { consumer: 'outbound:broken' })).toBe(1);
    expect(sample(text, 'attendance_consumer_lag_seconds', { consumer: 'outbound:majmaah' })).toBe(0);
    expect(text).not.toContain('nora');
  });
});
