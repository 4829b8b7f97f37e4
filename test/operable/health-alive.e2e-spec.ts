import { AttendanceProjection } from '../../apps/api/src/projection/attendance.projection';
import { AppHarness } from '../support/app-harness';
import { sample } from './prometheus-text';

describe('GET /health: each consumer alive or not', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start('2026-09-01T00:00:00Z')));
  afterAll(() => app.close());

  it('shows every consumer alive, with its events behind, while nothing fails', async () => {
    const { body } = await app.get('/health', null);
    expect(body).toMatchObject({ status: 'ok', live: true, ready: true, store: 'sqlite' });
    expect(Object.keys(body.consumers)).toEqual(expect.arrayContaining(['attendance', 'notices', 'outbound-webhooks']));
    for (const consumer of Object.values<any>(body.consumers)) expect(consumer).toMatchObject({ alive: true, failures: 0, eventsBehind: expect.any(Number) });
  });

  it('turns a consumer that keeps failing past the bound not alive, and the service not live, until it gets past', async () => {
    const projection = app.app.get(AttendanceProjection);
    const model = projection.model as unknown as { apply: (...args: unknown[]) => unknown };
    let hit!: () => void;
    const failedOnce = new Promise<void>((resolve) => (hit = resolve));
    // A read store that cannot be written: every page the projection reads fails, and it retries.
    model.apply = () => {
      hit();
      throw new Error('read store is not writable');
    };
    const { position } = await app.pushFacts([{ id: 'alive-1', type: 'course.accessed', occurredAt: '2026-08-31T10:00:00+03:00', sectionId: 'H1', studentId: 'st1' }]);
    await failedOnce;

    // Failing, but not yet for long: still alive.
    const early = (await app.get('/health', null)).body;
    expect(early.consumers.attendance).toMatchObject({ alive: true, lastError: 'read store is not writable' });
    expect(early.consumers.attendance.failures).toBeGreaterThanOrEqual(1);

    // Ten minutes on the service's clock without a step forward: past the five-minute bound.
    app.setTime('2026-09-01T00:10:00Z');
    const stuck = (await app.get('/health', null)).body;
    expect(stuck.live).toBe(false);
    expect(stuck.consumers.attendance).toMatchObject({ alive: false, lastError: 'read store is not writable' });
    expect(stuck.consumers.attendance.eventsBehind).toBeGreaterThanOrEqual(1);
    // The notice issuer waits for the projection without failing: idle, not dead.
    expect(stuck.consumers.notices).toMatchObject({ alive: true, failures: 0 });
    const metrics = (await app.request('GET', '/metrics', { token: null })).text;
    expect(sample(metrics, 'attendance_consumer_alive', { consumer: 'attendance' })).toBe(0);
    expect(sample(metrics, 'attendance_consumer_alive', { consumer: 'notices' })).toBe(1);

    // The read store writable again: the next retry gets past, and it is alive at once.
    delete (model as { apply?: unknown }).apply;
    await projection.waitFor(BigInt(position), 30_000);
    const recovered = (await app.get('/health', null)).body;
    expect(recovered.live).toBe(true);
    expect(recovered.consumers.attendance).toMatchObject({ alive: true, failures: 0 });
    expect(recovered.consumers.attendance.lastError).toBeUndefined();
  });
});
