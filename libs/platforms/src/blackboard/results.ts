import { readJsonObject } from '../shared/json-body';

/** Blackboard REST collections are `{ results: [...], paging? }`. */
export function readResults<T>(json: unknown, what: string): T[] {
  const results = readJsonObject(json, what).results;
  if (!Array.isArray(results)) throw new Error(`the ${what} body has no "results" list`);
  return results as T[];
}

export function isoTime(value: unknown, what: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`${what} "${String(value)}" is not a time`);
  return new Date(ms).toISOString();
}
