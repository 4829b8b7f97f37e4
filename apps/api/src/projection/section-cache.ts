import { isSectionEvent, readEvent, sectionStream } from '@attendance/domain';
import type { EventStore, StoredEvent } from '@attendance/event-store';
import type { SectionFacts } from './section-facts';
import { SectionView } from './section-view';

/**
 * The sections in memory: loaded on demand — the configuration from the section's own stream in
 * the event store, the facts from the read store — and the least recently used evicted once more
 * than `bound.sections` sections or `bound.facts` facts are held (the one just loaded always
 * stays), so memory follows the sections in use, not the history.
 */
export class SectionCache {
  private readonly views = new Map<string, SectionView>();
  private readonly loading = new Map<string, Promise<SectionView>>();

  constructor(
    private readonly bound: { sections: number; facts: number },
    private readonly store: EventStore,
    private readonly facts: SectionFacts,
    /** The projection's position: a loaded view holds exactly what it has applied. */
    private readonly position: () => bigint,
    private readonly onSkipped: (event: StoredEvent, problem: string) => void,
  ) {}

  /** A section already in memory, for the projection to keep current; undefined otherwise. */
  cached(sectionId: string): SectionView | undefined {
    return this.views.get(sectionId);
  }

  get size(): number {
    return this.views.size;
  }

  /** The facts held in memory, over every section loaded. */
  get factsHeld(): number {
    let facts = 0;
    for (const view of this.views.values()) facts += view.factCount;
    return facts;
  }

  async load(sectionId: string): Promise<SectionView> {
    const view = this.views.get(sectionId);
    if (view) {
      // Most recently used last.
      this.views.delete(sectionId);
      this.views.set(sectionId, view);
      return view;
    }
    let pending = this.loading.get(sectionId);
    if (!pending) {
      pending = this.read(sectionId).finally(() => this.loading.delete(sectionId));
      this.loading.set(sectionId, pending);
    }
    return pending;
  }

  private async read(sectionId: string): Promise<SectionView> {
    for (;;) {
      const before = this.position();
      const stream = await this.store.readStream(sectionStream(sectionId));
      const position = this.position();
      // The projection moved on while the stream was read: read it again, so nothing up to `position` is missed.
      if (position !== before) continue;
      const view = new SectionView(sectionId);
      for (const stored of stream) {
        if (stored.position > position) break;
        const read = readEvent(stored);
        if (read && 'problem' in read) this.onSkipped(stored, read.problem);
        else if (read && isSectionEvent(read.event)) view.applyConfig(read.event, stored.recordedAt.getTime());
      }
      for (const fact of this.facts.of(sectionId)) view.applyFact(fact);
      this.views.set(sectionId, view);
      this.trim();
      return view;
    }
  }

  /** Drops the least recently used beyond the bound; the projection calls it too, as the facts it applies grow the sections held. */
  trim(): void {
    let facts = this.factsHeld;
    for (const [sectionId, view] of this.views) {
      if (this.views.size === 1 || (this.views.size <= this.bound.sections && facts <= this.bound.facts)) return;
      this.views.delete(sectionId);
      facts -= view.factCount;
    }
  }
}
