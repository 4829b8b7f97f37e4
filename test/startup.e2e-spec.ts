import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';
import { AppHarness } from './support/app-harness';

describe('starting the service', () => {
  it('stops on a bad setting with a message that names it', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, PORT: 'eighty', TS_NODE_TRANSPILE_ONLY: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration: PORT must be a whole number');
  });

  it('makes an admin token on first start, keeps it in the data folder, and accepts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-token-'));
    try {
      const app = await createApp(loadConfig({ DATA_DIR: dir }), { logger: false });
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as { port: number };
      const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      const issued = await fetch(`http://127.0.0.1:${port}/api/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'registrar', subject: 'r1' }),
      });
      expect(issued.status).toBe(201);
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a data folder and its event store', () => {
  it('refuses to start on a store other than the one its read store was built from, saying so, and starts again on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-identity-'));
    const settings = (file: string) => loadConfig({ DATA_DIR: join(dir, 'data'), SQLITE_FILE: join(dir, file), ADMIN_TOKEN: 'identity-admin-token-0123' });
    const started = async (file: string) => (await createApp(settings(file), { logger: false })).init();
    try {
      await (await started('first.sqlite')).close();
      const other = await createApp(settings('second.sqlite'), { logger: false });
      await expect(other.init()).rejects.toThrow(/readstore\.sqlite was built from another event store .*npm run rebuild/);
      await other.close().catch(() => undefined);
      await (await started('first.sqlite')).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('limits', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start(undefined, { RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT_BYTES: '2048' })));
  afterAll(() => app.close());

  it('refuses a body over the size limit with 413', async () => {
    const events = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, type: 'course.accessed', occurredAt: '2026-09-06T08:00:00Z', sectionId: 'S', studentId: 's' }));
    const answer = await app.post('/api/v1/events', { events });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('limits the requests of one token a minute with 429, and not the others', async () => {
    const registrar = await app.token('registrar', 'r');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.get('/api/v1/sections/none/attendance', registrar)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const other = await app.get('/health', null);
    expect(other.status).toBe(200);
  });
});
