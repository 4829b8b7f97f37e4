import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore', () => {
  let dir: string;
  const file = () => join(dir, 'events.sqlite');

  describe('contract', () => {
    eventStoreContract({
      open: async (clock) => {
        dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
        return new SqliteEventStore(file(), clock);
      },
      restart: async (store, clock) => {
        await store.close();
        return new SqliteEventStore(file(), clock);
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    });
  });

  describe('durability settings', () => {
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'store-durability-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('runs with synchronous=FULL even on a file already in WAL mode', async () => {
      const raw = new Database(file());
      raw.pragma('journal_mode = WAL');
      raw.close();
      const store = new SqliteEventStore(file());
      const db = (store as unknown as { db: Database.Database }).db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      await store.close();
    });

    it('commits the appends of one turn of the event loop together', async () => {
      const store = new SqliteEventStore(file());
      const db = (store as unknown as { db: Database.Database }).db;
      const transaction = jest.spyOn(db, 'transaction');
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendToStream(`s-${i}`, [{ id: `e-${i}`, type: 'T', data: {} }])));
      // One transaction for the whole batch.
      expect(transaction.mock.calls.length).toBe(1);
      await store.close();
    });
  });

  describe('several processes on one file', () => {
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'store-shared-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("wakes a subscriber of one connection with another connection's commits, in one order, each id once", async () => {
      const [one, two] = [new SqliteEventStore(file()), new SqliteEventStore(file())];
      const seen: string[] = [];
      const following = (async () => {
        for await (const event of one.subscribeToAll()) {
          seen.push(event.id);
          if (seen.length === 40) break;
        }
      })();
      // Interleaved writers, each with the same ids again: every id is stored once, in one global order.
      for (let i = 0; i < 20; i++) {
        await Promise.all([one.appendToStream(`s-${i}`, [{ id: `one-${i}`, type: 'T', data: {} }]), two.appendToStream(`s-${i}`, [{ id: `two-${i}`, type: 'T', data: {} }])]);
        const again = await two.appendToStream(`s-${i}`, [{ id: `one-${i}`, type: 'T', data: {} }]);
        expect(again.duplicateIds).toEqual([`one-${i}`]);
      }
      await following;
      const stored = await two.readAll({ maxCount: 100 });
      expect(seen).toEqual(stored.map((e) => e.id));
      expect(new Set(seen).size).toBe(40);
      await Promise.all([one.close(), two.close()]);
    });
  });
});
