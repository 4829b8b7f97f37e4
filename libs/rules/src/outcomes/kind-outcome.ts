import type { Evidence } from '../evidence';
import type { Outcome } from '../model';

/** What the facts of one kind say about one student and one item, before excuses and corrections. */
export interface KindOutcome {
  outcome: Outcome;
  evidence: Evidence[];
}

/** Facts order by when they happened; equal times by id, so arrival order never matters. */
export const byOccurrence = <F extends { occurredAt: number; id: string }>(a: F, b: F): number =>
  a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
