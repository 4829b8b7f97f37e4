import type { DomainEvent } from '@attendance/domain';
import { EventStore, SqliteEventStore } from '@attendance/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lease } from './lease';

/** Two instances as two connections to one store file, on a clock the test moves. */
describe('Lease', () => {
  let dir: string;
  let stores: Array<EventStore<DomainEvent>>;
  let now: number;
  const lease = (holder: string, store = 0) => new Lease(stores[store], { name: 'side-effects', holder, ttlMs: 3000, now: () => now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lease-'));
    stores = [0, 1].map(() => new SqliteEventStore(join(dir, 'events.sqlite')) as EventStore<DomainEvent>);
    now = Date.parse('2026-12-01T10:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is held by one instance at a time, renewed by it, and taken by another only once it ran out', async () => {
    const first = lease('first', 0);
    const second = lease('second', 1);
    await first.renew();
    await second.renew();
    expect([first.isOpen(), second.isOpen()]).toEqual([true, false]);
    expect(second.holderSeen).toBe('first');

    now += 2000;
    await first.renew();
    await second.renew();
    expect([first.isOpen(), second.isOpen()]).toEqual([true, false]);

    // The first stops renewing (killed): it stops acting a tenth before its lease ends, the second takes it after.
    now += 2800;
    expect(first.isOpen()).toBe(false);
    await second.renew();
    expect(second.isOpen()).toBe(false);
    now += 201;
    await second.renew();
    expect(second.isOpen()).toBe(true);
    await first.renew();
    expect(first.isOpen()).toBe(false);
    expect(first.holderSeen).toBe('second');
  });

  it('lets only one of two racing instances take it', async () => {
    const contenders = ['a', 'b', 'c', 'd'].map((holder, i) => lease(holder, i % 2));
    await Promise.all(contenders.map((c) => c.renew()));
    expect(contenders.filter((c) => c.isOpen())).toHaveLength(1);
  });

  it('is taken back at once by the same instance after a restart, and handed over at once when released', async () => {
    await lease('first').renew();
    const restarted = lease('first');
    await restarted.renew();
    expect(restarted.isOpen()).toBe(true);

    const waiting = lease('second', 1);
    await waiting.renew();
    expect(waiting.isOpen()).toBe(false);
    const opened = waiting.opened(new AbortController().signal);
    await restarted.stop();
    await waiting.renew();
    await opened;
    expect([restarted.isOpen(), waiting.isOpen(), waiting.term]).toEqual([false, true, 1]);
  });
});
