import { isPlainObject } from './formats';
import { at, Report } from './problems';

/** xAPI refuses null anywhere but inside an `extensions` object, whose values are free. */
export function reportNulls(value: unknown, path: string, report: Report): void {
  if (value === null) return report(path, 'must not be null');
  if (Array.isArray(value)) return value.forEach((item, i) => reportNulls(item, at(path, i), report));
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'extensions') reportNulls(child, at(path, key), report);
  }
}
