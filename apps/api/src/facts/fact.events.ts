import type { FactType, MarkStatus } from '@attendance/rules';

/** A fact as accepted from POST /events or a platform adapter: one event in its own stream. */
export interface FactRecorded {
  id: string;
  type: FactType;
  occurredAt: string;
  sectionId: string;
  studentId: string;
  itemId?: string;
  progress?: number;
  watchedRanges?: Array<[number, number]>;
  status?: MarkStatus;
  /** Where the fact came from: "api" or a platform name. */
  source: string;
}

export const FACT_RECORDED = 'FactRecorded';
/** One stream per fact: a second fact with the same id meets the first and is a duplicate on every store. */
export const factStream = (factId: string) => `fact-${factId}`;
export const factEventId = (factId: string) => `fact:${factId}`;
