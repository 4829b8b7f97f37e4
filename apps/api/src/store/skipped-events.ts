import { Injectable, Logger } from '@nestjs/common';
import { readEvent, TypedEvent } from '@attendance/domain';
import type { StoredEvent } from '@attendance/event-store';
import type { ReadStore } from './read-store';

/** A stored event no reader can use, and why: listed for an admin, never evaluated. */
export interface SkippedEvent {
  id: string;
  type: string;
  streamId: string;
  position: string;
  recordedAt: string;
  problem: string;
}

const KEPT = 1000;

/**
 * Every stored event a reader skipped because it is not what its type says (written by an older
 * version, another tool, or by hand), once each, for an admin to look at. The log says only
 * where it is: the event itself may hold personal data.
 */
@Injectable()
export class SkippedEvents {
  private readonly logger = new Logger('SkippedEvents');
  private readonly byId = new Map<string, SkippedEvent>();
  private count = 0;
  private persisted?: ReadStore;

  /** The read side keeps those it skipped, so the list survives a restart (nothing is read again at start). */
  persistedIn(store: ReadStore): void {
    this.persisted = store;
  }

  /** The event as its domain type, or undefined when it is skipped (and then reported) or someone else's. */
  read(stored: StoredEvent): TypedEvent | undefined {
    const read = readEvent(stored);
    if (!read) return undefined;
    if ('problem' in read) {
      this.report(stored, read.problem);
      return undefined;
    }
    return read.event;
  }

  /** The events a reader can use, in order; the others are reported and left out. */
  readAll(events: StoredEvent[]): TypedEvent[] {
    return events.flatMap((e) => this.read(e) ?? []);
  }

  report(event: StoredEvent, problem: string): void {
    if (this.byId.has(event.id)) return;
    this.count++;
    this.logger.warn(`skipped a ${event.type} event at position ${event.position}: it is not a valid ${event.type}`);
    if (this.byId.size >= KEPT) return;
    this.byId.set(event.id, { id: event.id, type: event.type, streamId: event.streamId, position: String(event.position), recordedAt: event.recordedAt.toISOString(), problem });
  }

  list(): { total: number; events: SkippedEvent[] } {
    const kept = (this.persisted?.db.prepare('SELECT skipped FROM skipped_events LIMIT ?').all(KEPT) ?? []) as Array<{ skipped: string }>;
    const events = new Map<string, SkippedEvent>(kept.map((r) => JSON.parse(r.skipped) as SkippedEvent).map((e) => [e.id, e]));
    for (const [id, event] of this.byId) if (events.size < KEPT) events.set(id, event);
    const stored = (this.persisted?.db.prepare('SELECT count(*) AS n FROM skipped_events').get() as { n: number } | undefined)?.n ?? 0;
    return { total: Math.max(this.count, stored, events.size), events: [...events.values()] };
  }
}
