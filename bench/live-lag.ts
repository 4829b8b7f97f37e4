import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUILT_SERVICE, startServer, stopServer } from './child-server';
import { summarize } from './percentiles';
import { seedTerm } from './seed-store';

const TOKEN = 'bench-admin-token-0123456789';
const PORT = 39160;

export interface LagFigures {
  rate: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
}

/**
 * Facts at a steady rate in batches of 20 over HTTP, to a service in its own process; for each
 * batch, the time from sending it to its first fact's `change` arriving on a second connection's
 * live feed of the section (GET /sections/{id}/live), end to end.
 */
export async function liveLag(quick: boolean): Promise<LagFigures> {
  const seconds = quick ? 3 : 60;
  const rate = 2000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-lag-'));
  await seedTerm(join(dir, 'events.sqlite'), { sections: 20, studentsPerSection: 50, itemsPerSection: 40, facts: 0 });
  const server = await startServer(BUILT_SERVICE, { PORT: String(PORT), DATA_DIR: dir, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
  const base = `http://127.0.0.1:${PORT}/api/v1`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const sent = new Map<string, number>();
  const lags: number[] = [];
  // The watcher: S0's live feed, read as the bytes come.
  const feed = await fetch(`${base}/sections/S0/live`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } });
  const reader = feed.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const watching = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!block.includes('event: change') || !data) continue;
        const change = JSON.parse(data.slice(6)) as { studentId?: string; occurredAt?: string };
        const key = `${change.studentId}@${change.occurredAt}`;
        const at = sent.get(key);
        if (at !== undefined) {
          lags.push(performance.now() - at);
          sent.delete(key);
        }
      }
    }
  })();
  let n = 0;
  const inFlight: Array<Promise<unknown>> = [];
  const started = performance.now();
  for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
    const due = started + tick * 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const events = Array.from({ length: rate / 100 }, (_, j) => {
      const k = n++;
      // The batch's first fact is in S0, which the watcher follows; its time makes it unique.
      const section = j === 0 ? 0 : k % 20;
      const occurredAt = new Date(Date.parse('2026-09-08T07:00:00Z') + tick * 1000).toISOString();
      // Spread over every student of the section and its e-activities, as a term would.
      return { id: `lag-${k}`, type: 'e-activity.submitted', occurredAt, sectionId: `S${section}`, studentId: `st${section}-${Math.floor(k / 20) % 50}`, itemId: `i${3 + 4 * (Math.floor(k / 1000) % 10)}` };
    });
    sent.set(`${events[0].studentId}@${events[0].occurredAt}`, performance.now());
    inFlight.push(fetch(`${base}/events`, { method: 'POST', headers, body: JSON.stringify({ events }) }).then((r) => r.json()));
  }
  await Promise.all(inFlight);
  // Every batch's change has come once nothing is waiting any more (or after a last few seconds).
  for (let i = 0; i < 100 && sent.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  await reader.cancel();
  await watching.catch(() => undefined);
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
  if (sent.size > 0) throw new Error(`${sent.size} batches never showed on the live feed`);
  return { rate: n / seconds, seconds, ...summarize(lags) };
}
