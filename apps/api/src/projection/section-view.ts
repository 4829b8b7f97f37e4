import type { AccessFact, ItemFact } from '@attendance/rules';
import { emptySectionState, evolveSection, SectionEvent, SectionState } from '@attendance/domain';
import type { Recorded, SectionFact } from './section-facts';

/** Everything known about one section: its configuration events and its students' facts. */
export class SectionView {
  readonly state: SectionState = emptySectionState();
  private readonly history: Array<{ event: SectionEvent; recordedAt: number }> = [];
  readonly factsByStudent = new Map<string, Array<Recorded<ItemFact>>>();
  readonly accessesByStudent = new Map<string, Array<Recorded<AccessFact>>>();
  /** inPerson items with at least one mark, whoever was marked. */
  readonly markedItems = new Set<string>();
  /** Moves whenever something that every student's evaluation reads changes. */
  sectionVersion = 0;
  /** The facts it holds, for the cache's bound. */
  factCount = 0;
  private readonly factVersions = new Map<string, number>();
  private pastState?: { asOf: number; version: number; state: SectionState };
  /** Live evaluations by student, valid while nothing they read changes and the clock stays before `until`. */
  readonly cache = new Map<string, { sectionVersion: number; factVersion: number; from: number; until: number; value: unknown }>();

  constructor(readonly sectionId: string) {}

  applyConfig(event: SectionEvent, recordedAt: number): void {
    this.history.push({ event, recordedAt });
    evolveSection(this.state, event, recordedAt);
    this.sectionVersion++;
  }

  /** Something outside the section's own events changed what every student's evaluation reads (a report came in). */
  touch(): void {
    this.sectionVersion++;
  }

  factVersionOf(studentId: string): number {
    return this.factVersions.get(studentId) ?? 0;
  }

  applyFact(fact: SectionFact): void {
    this.factCount++;
    this.factVersions.set(fact.studentId, this.factVersionOf(fact.studentId) + 1);
    if (fact.type === 'course.accessed') {
      push(this.accessesByStudent, fact.studentId, fact);
      return;
    }
    push(this.factsByStudent, fact.studentId, fact);
    if (fact.type === 'in-person.marked' && !this.markedItems.has(fact.itemId)) {
      this.markedItems.add(fact.itemId);
      this.sectionVersion++;
    }
  }

  /** The state as it was known at `asOf`: configuration recorded by then. The last one asked is kept, as a list asks per student. */
  stateAsOf(asOf: number): SectionState {
    if (this.pastState?.asOf === asOf && this.pastState.version === this.sectionVersion) return this.pastState.state;
    const state = emptySectionState();
    for (const { event, recordedAt } of this.history) if (recordedAt <= asOf) evolveSection(state, event, recordedAt);
    this.pastState = { asOf, version: this.sectionVersion, state };
    return state;
  }

  factsOf(studentId: string, asOf?: number): ItemFact[] {
    const facts = this.factsByStudent.get(studentId) ?? [];
    return asOf === undefined ? facts : facts.filter((f) => f.recordedAt <= asOf);
  }

  markedItemsAsOf(asOf?: number): ReadonlySet<string> {
    if (asOf === undefined) return this.markedItems;
    const marked = new Set<string>();
    for (const facts of this.factsByStudent.values()) {
      for (const f of facts) if (f.type === 'in-person.marked' && f.recordedAt <= asOf) marked.add(f.itemId);
    }
    return marked;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
