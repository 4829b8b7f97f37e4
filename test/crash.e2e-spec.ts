import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../libs/event-store/src/event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

const ROOT = join(__dirname, '..');
const KILLS = 5;

/** Starts the append loop, waits for `acks` acknowledgements, kills it with SIGKILL, answers what it acknowledged. */
function appendThenKill(file: string, runId: string, acks: number): Promise<Map<string, bigint>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/append-loop.ts'), file, runId], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged = new Map<string, bigint>();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [, id, position] = line.split(' ');
        acknowledged.set(id, BigInt(position));
      }
      if (acknowledged.size >= acks && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`append loop exited without being killed (${signal})`))));
  });
}

describe('crash: every acknowledged append survives kill -9', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'crash-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append, in one global order, across ${KILLS} kills`, async () => {
    const file = join(dir, 'events.sqlite');
    const everAcknowledged = new Map<string, bigint>();
    for (let run = 0; run < KILLS; run++) {
      const acknowledged = await appendThenKill(file, `run${run}`, 500 + run * 300);
      expect(acknowledged.size).toBeGreaterThanOrEqual(500);
      for (const [id, position] of acknowledged) everAcknowledged.set(id, position);

      const store = new SqliteEventStore(file);
      const all: StoredEvent[] = [];
      for (let page = await store.readAll({ maxCount: 5000 }); page.length > 0; page = await store.readAll({ after: page.at(-1)!.position, maxCount: 5000 })) {
        all.push(...page);
      }
      await store.close();
      const stored = new Map(all.map((e) => [e.id, e.position]));
      for (const [id, position] of everAcknowledged) expect(stored.get(id)).toBe(position);
      // Global order intact: positions strictly increase, and each stream's revisions run 0, 1, 2, ... with no gap.
      all.forEach((e, i) => i > 0 && expect(e.position > all[i - 1].position).toBe(true));
      const revisions = new Map<string, bigint>();
      for (const e of all) {
        expect(e.revision).toBe((revisions.get(e.streamId) ?? -1n) + 1n);
        revisions.set(e.streamId, e.revision);
      }
    }
  }, 120_000);
});
