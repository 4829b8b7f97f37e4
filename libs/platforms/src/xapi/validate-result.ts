import { isDuration, isPlainObject } from './formats';
import { allowOnly, at, Report } from './problems';
import { validateExtensions } from './validate-activity';

export function validateResult(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be an object');
  allowOnly(value, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path, report);
  if (value.score !== undefined) validateScore(value.score, at(path, 'score'), report);
  for (const flag of ['success', 'completion']) {
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean') report(at(path, flag), 'must be true or false');
  }
  if (value.response !== undefined && typeof value.response !== 'string') report(at(path, 'response'), 'must be a string');
  if (value.duration !== undefined && !isDuration(value.duration)) report(at(path, 'duration'), 'must be an ISO 8601 duration such as PT1H0M0S');
  if (value.extensions !== undefined) validateExtensions(value.extensions, at(path, 'extensions'), report);
}

/** scaled lies in [-1, 1]; raw lies in [min, max]; min is below max. */
function validateScore(score: unknown, path: string, report: Report): void {
  if (!isPlainObject(score)) return report(path, 'must be an object');
  allowOnly(score, ['scaled', 'raw', 'min', 'max'], path, report);
  const numbers: Record<string, number | undefined> = {};
  for (const key of ['scaled', 'raw', 'min', 'max']) {
    const value = score[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) report(at(path, key), 'must be a number');
    else numbers[key] = value;
  }
  const { scaled, raw, min, max } = numbers;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) report(at(path, 'scaled'), 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) report(at(path, 'max'), 'must be greater than min');
  if (raw !== undefined && min !== undefined && raw < min) report(at(path, 'raw'), 'must not be below min');
  if (raw !== undefined && max !== undefined && raw > max) report(at(path, 'raw'), 'must not be above max');
}
