/** Why an outcome is what it is, in plain words, with the facts and settings that decided it. */
export interface Evidence {
  kind: 'fact' | 'excuse' | 'correction' | 'schedule' | 'setting' | 'exclusion';
  note: string;
  factIds?: string[];
  at?: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export const minutesAndSeconds = (ms: number): string => {
  const seconds = Math.floor(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
};
