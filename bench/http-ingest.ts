import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_SERVICE, startServer, stopServer } from './child-server';
import { rawInserts, withFile } from './store-appends';
import type { BenchRow } from './table';

const TOKEN = 'bench-admin-token-0123456789';

let counter = 0;
const fact = (i: number) => ({
  id: `f-${process.pid}-${i}`,
  type: 'virtual-class.joined',
  occurredAt: '2026-09-06T08:00:00+03:00',
  sectionId: `S${i % 50}`,
  studentId: `st${i % 4000}`,
  itemId: `vc${i % 30}`,
});

/** Facts per second that a server takes at `perRequest` facts a request, measured with autocannon over loopback. */
async function measure(port: number, perRequest: number, seconds: number, connections = perRequest === 1 ? 50 : 8): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/events`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: JSON.stringify({ events: Array.from({ length: perRequest }, () => fact(counter++)) }),
        }),
      },
    ],
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} requests failed`);
  return (result.requests.total * perRequest) / seconds;
}

export async function httpIngest(quick: boolean): Promise<BenchRow[]> {
  const seconds = quick ? 2 : 10;
  const rows: BenchRow[] = [];
  const baseline = await startServer('bench/servers/baseline-server.ts', { PORT: '39101' });
  const bareSingle = await measure(39101, 1, seconds);
  await stopServer(baseline);
  const rawBatched = await withFile(async (file) => rawInserts(file, quick ? 5000 : 100_000, 100));

  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const service = await startServer(BUILT_SERVICE, { PORT: '39102', DATA_DIR: dir, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
  const single = await measure(39102, 1, seconds);
  const batch = await measure(39102, 500, seconds);
  await stopServer(service);
  rmSync(dir, { recursive: true, force: true });
  const twoInstances = await measureTwoInstances(seconds);

  rows.push(
    { bench: 'HTTP ingest', case: 'bare validated NestJS route, 1 fact a request', perSecond: bareSingle, baseline: bareSingle, target: '—' },
    { bench: 'HTTP ingest', case: 'POST /api/v1/events, 1 fact a request', perSecond: single, baseline: bareSingle, target: '≥ 0.8×' },
    { bench: 'HTTP ingest', case: 'raw better-sqlite3, 100 rows per transaction', perSecond: rawBatched, baseline: rawBatched, target: '—' },
    { bench: 'HTTP ingest', case: 'POST /api/v1/events, 500 facts a request', perSecond: batch, baseline: rawBatched, target: '≥ 0.5×' },
    { bench: 'HTTP ingest', case: 'two instances on one SQLITE_FILE, 500 facts a request, 4 connections each', perSecond: twoInstances, baseline: batch, target: '≥ 1.6×' },
  );
  return rows;
}

/** Two instances sharing one store file, each with its own data folder, loaded at once: facts per second taken by both. */
async function measureTwoInstances(seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-two-'));
  const ports = [39103, 39104];
  const services = [];
  for (const [i, port] of ports.entries()) {
    services.push(await startServer(BUILT_SERVICE, { PORT: String(port), DATA_DIR: join(dir, `instance-${i}`), SQLITE_FILE: join(dir, 'events.sqlite'), ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' }));
  }
  const rates = await Promise.all(ports.map((port) => measure(port, 500, seconds, 4)));
  for (const service of services) await stopServer(service);
  rmSync(dir, { recursive: true, force: true });
  return rates[0] + rates[1];
}
