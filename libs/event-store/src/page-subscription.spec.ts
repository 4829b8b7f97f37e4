import type { StoredEvent } from './event-store';
import { PageSubscription } from './page-subscription';

const stored = (position: bigint): StoredEvent => ({
  id: `e${position}`,
  type: 'T',
  data: {},
  metadata: {},
  streamId: 's',
  revision: position - 1n,
  position,
  recordedAt: new Date(0),
});

describe('PageSubscription', () => {
  it('reads a new page only when the consumer has taken the previous one', async () => {
    const pagesRead: bigint[] = [];
    const subscription = new PageSubscription(0n, {
      readPage: async (after) => {
        pagesRead.push(after);
        return [1n, 2n, 3n].map((i) => stored(after + i));
      },
      waitForAppend: async () => true,
    });
    const taken: bigint[] = [];
    for await (const e of subscription) {
      taken.push(e.position);
      if (taken.length === 5) break;
    }
    expect(taken).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(pagesRead).toEqual([0n, 3n]);
  });

  it('ends a subscription waiting for new events when it is closed', async () => {
    const subscription = new PageSubscription(0n, {
      readPage: async () => [],
      waitForAppend: () => new Promise(() => undefined),
    });
    const consumed = (async () => {
      for await (const e of subscription) return e;
      return 'ended';
    })();
    await subscription.close();
    await expect(consumed).resolves.toBe('ended');
  });
});
