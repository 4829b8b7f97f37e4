import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildReadModel } from '../apps/api/src/cli/rebuild-read-model';
import { loadConfig } from '../apps/api/src/config/app-config';
import { seedTerm } from './seed-store';
import type { BenchRow } from './table';

/** Replaying N events from zero through the projection, next to reading and parsing the same rows raw. */
export async function projectionRebuild(quick: boolean): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rebuild-'));
  try {
    const { events } = await seedTerm(join(dir, 'events.sqlite'), { sections: 20, studentsPerSection: 50, itemsPerSection: 40, facts: quick ? 20_000 : 400_000 });
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    let started = process.hrtime.bigint();
    let parsed = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').safeIntegers(true).iterate() as Iterable<{ data: string; metadata: string | null }>) {
      JSON.parse(row.data);
      if (row.metadata) JSON.parse(row.metadata);
      parsed++;
    }
    const rawRate = parsed / (Number(process.hrtime.bigint() - started) / 1e9);
    db.close();
    started = process.hrtime.bigint();
    await rebuildReadModel(loadConfig({ DATA_DIR: dir }));
    const rebuildRate = events / (Number(process.hrtime.bigint() - started) / 1e9);
    return [
      { bench: 'projection rebuild', case: `raw read and parse of ${events.toLocaleString('en')} rows`, perSecond: rawRate, baseline: rawRate, target: '—' },
      { bench: 'projection rebuild', case: `npm run rebuild of the same ${events.toLocaleString('en')} events`, perSecond: rebuildRate, baseline: rawRate, target: '≥ 0.25×' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
