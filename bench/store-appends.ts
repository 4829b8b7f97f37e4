import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { configureDatabase } from '../libs/event-store/src/sqlite/schema';
import type { BenchRow } from './table';

const payload = (i: number) => ({ id: `e-${i}`, type: 'FactRecorded', data: { id: `f-${i}`, type: 'virtual-class.joined', occurredAt: '2026-09-06T08:00:00+03:00', sectionId: 'S1', studentId: `st${i % 200}`, itemId: 'vc1' } });

async function timed(run: () => Promise<void> | void): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function withFile<T>(run: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  return run(join(dir, 'events.sqlite')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Raw better-sqlite3 inserts into the same table with the same durability, as the baseline. */
export function rawInserts(file: string, n: number, perTransaction: number): number {
  const db = new Database(file);
  configureDatabase(db);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, NULL, ?)');
  const commit = db.transaction((from: number) => {
    for (let i = from; i < Math.min(n, from + perTransaction); i++) {
      const e = payload(i);
      insert.run(e.id, `fact-${e.data.id}`, 0, e.type, JSON.stringify(e.data), Date.now());
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += perTransaction) commit(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return n / seconds;
}

export async function storeAppends(quick: boolean): Promise<BenchRow[]> {
  const single = quick ? 500 : 5000;
  const batched = quick ? 5000 : 100_000;
  const rawSingle = await withFile(async (file) => rawInserts(file, single, 1));
  const rawBatched = await withFile(async (file) => rawInserts(file, batched, 100));

  const storeSingle = await withFile(async (file) => {
    const store = new SqliteEventStore(file);
    let next = 0;
    const worker = async () => {
      while (next < single) {
        const i = next++;
        const e = payload(i);
        await store.appendToStream(`fact-${e.data.id}`, [e]);
      }
    };
    const seconds = await timed(() => Promise.all(Array.from({ length: 100 }, worker)).then(() => undefined));
    await store.close();
    return single / seconds;
  });

  const storeBatched = await withFile(async (file) => {
    const store = new SqliteEventStore(file);
    const seconds = await timed(async () => {
      for (let i = 0; i < batched; i += 100) {
        await store.appendToStream(`batch-${i}`, Array.from({ length: 100 }, (_, k) => payload(i + k)));
      }
    });
    await store.close();
    return batched / seconds;
  });

  return [
    { bench: 'store appends', case: 'raw better-sqlite3, 1 row per fsync'  , perSecond: rawSingle, baseline: rawSingle, target: '—' },
    { bench: 'store appends', case: 'SQLite store, single appends, 100 in flight', perSecond: storeSingle, baseline: rawSingle, target: '≥ 4×' },
    { bench: 'store appends', case: 'raw better-sqlite3, 100 rows per transaction', perSecond: rawBatched, baseline: rawBatched, target: '—' },
    { bench: 'store appends', case: 'SQLite store, batches of 100', perSecond: storeBatched, baseline: rawBatched, target: '≥ 0.6×' },
  ];
}
