import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

export interface MemoryFigures {
  appended: number;
  consumedWhileAppending: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  rssEndMiB: number;
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Appends as fast as the store takes them while a subscriber takes one event a millisecond; resident memory is sampled. */
export async function memoryUnderLoad(quick: boolean): Promise<MemoryFigures> {
  const total = quick ? 50_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  let consumed = 0;
  let appending = true;
  const subscription = store.subscribeToAll();
  const slow = (async () => {
    for await (const _ of subscription) {
      consumed++;
      if (consumed % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      if (!appending) break;
    }
  })();
  const payload = { text: 'x'.repeat(200) };
  for (let i = 0; i < total; i += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, k) => store.appendToStream(`m-${i + k}`, [{ id: `m-${i + k}`, type: 'Load', data: payload }])));
  }
  const consumedWhileAppending = consumed;
  appending = false;
  await subscription.close();
  await slow;
  clearInterval(sampler);
  const rssEnd = process.memoryUsage().rss;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { appended: total, consumedWhileAppending, rssStartMiB: mib(rssStart), rssPeakMiB: mib(rssPeak), rssEndMiB: mib(rssEnd) };
}
