import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable } from '@nestjs/common';
import { emptySectionState, evolveSection, isSectionEvent, SectionEvent, SectionState, sectionStream } from '@attendance/domain';
import { EventStore, WrongExpectedRevisionError } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '../config/tokens';
import { SkippedEvents } from '../store/skipped-events';

const MAX_ATTEMPTS = 5;

/** Loads a section from its stream, lets a decision run on it, and appends what it decided. */
@Injectable()
export class SectionRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  async load(sectionId: string): Promise<{ state: SectionState; revision: bigint | 'no_stream'; position: bigint }> {
    const events = await this.store.readStream(sectionStream(sectionId));
    const state = emptySectionState();
    for (const event of this.skipped.readAll(events)) if (isSectionEvent(event)) evolveSection(state, event, event.recordedAt.getTime());
    const last = events.at(-1);
    return { state, revision: last ? last.revision : 'no_stream', position: last ? last.position : 0n };
  }

  /**
   * Runs `decide` on the current state and appends its events with the revision it saw; a
   * concurrent change makes it decide again on the new state.
   */
  async update(sectionId: string, decide: (state: SectionState) => SectionEvent[] | Promise<SectionEvent[]>): Promise<{ position: bigint; events: SectionEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision, position } = await this.load(sectionId);
      const events = await decide(state);
      if (events.length === 0) return { position: position > 0n ? position : await this.store.headPosition(), events };
      try {
        const result = await this.store.appendToStream(
          sectionStream(sectionId),
          events.map((e) => ({ ...e, id: randomUUID() })),
          { expectedRevision: revision },
        );
        return { position: result.position, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
