import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildReadModel } from '../apps/api/src/cli/rebuild-read-model';
import { loadConfig } from '../apps/api/src/config/app-config';
import { freePort, ServiceProcess } from './support/service-process';

const TOKEN = 'kill-test-admin-token-0123456789';
const ITEMS = 400;

async function call(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const submission = (i: number) => ({ id: `sub-${i}`, type: 'e-activity.submitted', occurredAt: '2026-09-10T10:00:00+03:00', sectionId: 'ONL', studentId: 'st1', itemId: `ea${i}` });

describe('killing the service while facts stream in', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'kill-stream-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no acknowledged fact, and the read model after restart equals a rebuild from zero', async () => {
    let service = await ServiceProcess.start(dir, await freePort(), TOKEN);
    await call(service.url, 'PUT', '/api/v1/sections/ONL', { termId: 'T', courseCode: 'C', level: 'online' });
    await call(service.url, 'PUT', '/api/v1/sections/ONL/enrollments/st1', { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (let i = 0; i < ITEMS; i++) await call(service.url, 'PUT', `/api/v1/sections/ONL/items/ea${i}`, { kind: 'eActivity', dueAt: '2030-01-01T00:00:00+03:00' });

    // Batches of 20 go out four at a time; the service is killed once 100 facts are acknowledged.
    const acknowledged = new Set<string>();
    let next = 0;
    const pushing = async () => {
      while (next < ITEMS) {
        const batch = Array.from({ length: 20 }, (_, k) => submission(next + k)).filter((f) => Number(f.itemId.slice(2)) < ITEMS);
        next += 20;
        const answer = await call(service.url, 'POST', '/api/v1/events', { events: batch });
        for (const r of answer.results) if (r.status === 'accepted') acknowledged.add(r.id);
      }
    };
    const streams = Array.from({ length: 4 }, () => pushing().catch(() => undefined));
    while (acknowledged.size < 100) await new Promise((resolve) => setImmediate(resolve));
    await service.kill();
    await Promise.all(streams);

    service = await ServiceProcess.start(dir, await freePort(), TOKEN);
    const restarted = await call(service.url, 'GET', '/api/v1/sections/ONL/students/st1');
    await service.kill();
    const attended = new Set(restarted.items.filter((i: any) => i.outcome === 'present').map((i: any) => `sub-${i.itemId.slice(2)}`));
    for (const id of acknowledged) expect(attended.has(id)).toBe(true);

    await rebuildReadModel(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: TOKEN }));
    service = await ServiceProcess.start(dir, await freePort(), TOKEN);
    const rebuilt = await call(service.url, 'GET', '/api/v1/sections/ONL/students/st1');
    await service.kill();
    expect(rebuilt).toEqual(restarted);
  }, 120_000);
});
