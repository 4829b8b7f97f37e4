/**
 * Why an outcome is what it is, as data: a code and its values, which any client words in its
 * own language, with the facts and settings that decided it. `note` is the same in English,
 * for logs and readers without a dictionary.
 */
export interface Evidence {
  kind: 'fact' | 'excuse' | 'correction' | 'schedule' | 'setting' | 'exclusion';
  code: EvidenceCode;
  /** The figures and times the code speaks of: times as ISO instants, durations in seconds, shares in percent. */
  values?: Record<string, string | number>;
  note: string;
  factIds?: string[];
  at?: string;
}

export type EvidenceCode =
  | 'submitted'
  | 'submitted-late'
  | 'not-submitted'
  | 'marked'
  | 'mark-open'
  | 'not-marked'
  | 'attendance-not-taken'
  | 'watched'
  | 'viewed-late'
  | 'not-watched'
  | 'connected'
  | 'joined-late'
  | 'class-ended'
  | 'awaiting-report'
  | 'not-a-component'
  | 'short-class'
  | 'before-enrollment'
  | 'excused'
  | 'corrected';

export const iso = (ms: number): string => new Date(ms).toISOString();

export const minutesAndSeconds = (ms: number): string => {
  const seconds = Math.floor(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
};
