import type { EventStore, Position } from '@attendance/event-store';

/** Events after a position, counted up to this many (a consumer further behind shows this figure). */
export const EVENTS_BEHIND_LIMIT = 10_000;

/** How many positions' counts are kept: one per consumer, with room to spare. */
const REMEMBERED = 64;

interface Count {
  head: Position;
  count: number;
}

/**
 * How many events a consumer at `position` has still to read, up to the store's `head`, counted
 * up to a limit. The store is append-only, so a count made once for a position stays true: when
 * /health or a scrape asks again with the same head, nothing is read; with a head that moved, only
 * the events appended since are read (none at all for a consumer already at the limit). Only a
 * consumer that moved is counted again from its new position: a poll while nothing moves costs nothing.
 */
export class EventsBehind {
  private readonly counts = new Map<Position, Count>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly limit = EVENTS_BEHIND_LIMIT,
  ) {}

  async count(position: Position, head: Position): Promise<number> {
    if (position >= head) return 0;
    const known = this.counts.get(position);
    let count: number;
    if (known && known.head === head) count = known.count;
    else if (known && known.head < head) count = known.count >= this.limit ? this.limit : known.count + (await this.between(known.head, head, this.limit - known.count));
    else count = await this.between(position, head, this.limit);
    this.remember(position, { head, count });
    return count;
  }

  /** Events after `after` and up to `upTo`, counted up to `max`; those appended since the head was read are not behind it. */
  private async between(after: Position, upTo: Position, max: number): Promise<number> {
    const events = await this.store.readAll({ after, maxCount: max });
    let count = 0;
    for (const event of events) if (event.position <= upTo) count++;
    return count;
  }

  private remember(position: Position, count: Count): void {
    this.counts.delete(position);
    this.counts.set(position, count);
    if (this.counts.size > REMEMBERED) this.counts.delete(this.counts.keys().next().value!);
  }
}
