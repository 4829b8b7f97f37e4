import type { EventStore, Position } from '@attendance/event-store';

/** The position a write answers: the latest its appends reached, or the store's head when it appended nothing. */
export async function writePosition(store: EventStore, positions: Array<Position | undefined>): Promise<Position> {
  let latest = 0n;
  for (const p of positions) if (p !== undefined && p > latest) latest = p;
  return latest > 0n ? latest : store.headPosition();
}
