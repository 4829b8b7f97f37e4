import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';
import { AttendanceProjection } from '../apps/api/src/projection/attendance.projection';
import { summarize } from './percentiles';
import { seedTerm } from './seed-store';

const TOKEN = 'bench-admin-token-0123456789';

export interface LagFigures {
  rate: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
}

/** Facts at a steady rate in batches of 20 over HTTP; for each, the time from acknowledgement to being visible to reads. */
export async function liveLag(quick: boolean): Promise<LagFigures> {
  const seconds = quick ? 3 : 60;
  const rate = 2000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-lag-'));
  await seedTerm(join(dir, 'events.sqlite'), { sections: 20, studentsPerSection: 50, itemsPerSection: 40, facts: 0 });
  const app = await createApp(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' }), { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1/events`;
  const projection = app.get(AttendanceProjection);
  const lags: number[] = [];
  const inFlight: Array<Promise<void>> = [];
  let n = 0;
  const started = performance.now();
  for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
    const due = started + tick * 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const events = Array.from({ length: rate / 100 }, () => {
      const k = n++;
      return { id: `lag-${k}`, type: 'e-activity.submitted', occurredAt: '2026-09-08T10:00:00+03:00', sectionId: `S${k % 20}`, studentId: `st${k % 20}-${k % 50}`, itemId: `i${3 + 4 * (k % 10)}` };
    });
    inFlight.push(
      (async () => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ events }) });
        const { position } = (await response.json()) as { position: string };
        const acknowledged = performance.now();
        await projection.waitFor(BigInt(position), 60_000);
        lags.push(performance.now() - acknowledged);
      })(),
    );
  }
  await Promise.all(inFlight);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { rate: n / seconds, seconds, ...summarize(lags) };
}
