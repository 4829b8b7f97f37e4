import { isShortVirtualClass } from './item-outcome';
import type { Item, Section } from './model';
import type { Policy } from './policy';

export interface Finding {
  rule: 'R8' | 'R11' | 'R12' | 'R13' | 'attendance-not-taken';
  /** What was found, as data any client words in its own language with `values`; `message` says it in English. */
  code: 'short-class' | 'attendance-not-taken' | 'too-many-students' | 'unit-without-meeting' | 'unit-without-activity' | 'few-synchronous-units' | 'few-interactive-units';
  values?: Record<string, string | number>;
  itemId?: string;
  unit?: string;
  message: string;
}

const SIZE_LIMITS: Partial<Record<Section['level'], number>> = { blended: 100, online: 200 };

/**
 * The checks a dashboard shows about how a section is run (R8, R11–R13) and inPerson sessions
 * that are over with nobody marked. They never change a student's outcome.
 */
export function sectionFindings(
  section: Section,
  policy: Policy,
  items: Item[],
  activeEnrollments: number,
  attendanceTaken: ReadonlySet<string>,
  now: number,
): Finding[] {
  const findings: Finding[] = [];
  const live = items.filter((i) => !i.cancelled);
  const limit = SIZE_LIMITS[section.level];
  if (limit !== undefined && activeEnrollments > limit) {
    findings.push({
      rule: 'R11',
      code: 'too-many-students',
      values: { students: activeEnrollments, limit, level: section.level },
      message: `${activeEnrollments} students enrolled; a ${section.level} section should not exceed ${limit}`,
    });
  }
  for (const item of live) {
    if (isShortVirtualClass(item, policy)) {
      findings.push({
        rule: 'R8',
        code: 'short-class',
        itemId: item.itemId,
        values: { item: item.itemId, minVirtualClassMinutes: policy.minVirtualClassMinutes },
        message: `virtual class shorter than ${policy.minVirtualClassMinutes} min: not counted`,
      });
    }
    if (item.kind === 'inPerson' && item.endsAt! <= now && !attendanceTaken.has(item.itemId)) {
      findings.push({ rule: 'attendance-not-taken', code: 'attendance-not-taken', itemId: item.itemId, values: { item: item.itemId }, message: 'attendance not taken: nobody was marked for this session' });
    }
  }
  const units = new Map<string, Set<Item['kind']>>();
  for (const item of live) {
    if (item.unit === undefined) continue;
    if (!units.has(item.unit)) units.set(item.unit, new Set());
    units.get(item.unit)!.add(item.kind);
  }
  if (section.level === 'online') {
    for (const [unit, kinds] of units) {
      if (!kinds.has('virtualClass')) findings.push({ rule: 'R12', code: 'unit-without-meeting', unit, values: { unit }, message: `unit ${unit} has no synchronous meeting` });
      if (!kinds.has('eActivity')) findings.push({ rule: 'R12', code: 'unit-without-activity', unit, values: { unit }, message: `unit ${unit} has no e-activity` });
    }
  }
  if (section.level === 'distance-program' && units.size > 0) {
    const synchronous = [...units.values()].filter((k) => k.has('virtualClass')).length;
    const interactive = [...units.values()].filter((k) => !k.has('virtualClass') && k.has('eActivity')).length;
    if (synchronous * 100 < 25 * units.size) {
      findings.push({
        rule: 'R13',
        code: 'few-synchronous-units',
        values: { synchronous, units: units.size },
        message: `${synchronous} of ${units.size} units are taught synchronously; at least 25% are needed`,
      });
    }
    if (interactive * 100 < 25 * units.size) {
      findings.push({
        rule: 'R13',
        code: 'few-interactive-units',
        values: { interactive, units: units.size },
        message: `${interactive} of ${units.size} units are taught interactively besides; at least 25% more are needed`,
      });
    }
  }
  return findings;
}
