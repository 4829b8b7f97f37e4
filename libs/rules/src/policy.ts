/**
 * Every interpretation of the rules document (I1–I10) and every threshold of section 4 is a
 * named setting with the documented default; a section may override any of them.
 */
export interface Policy {
  /** I1: deprived when any one component breaks the limit, or when one equally weighted total does. */
  combine: 'any-component' | 'weighted-total';
  /** I2: absence is measured against the whole term's planned total, or only what is decided so far. */
  denominator: 'planned' | 'decided';
  /** I3: the attendance a component needs; deprived when absence exceeds 100 − this. */
  thresholdPercent: number;
  /** I4: timed sessions weigh their scheduled minutes, or 1 each like the other items. */
  timedItemWeight: 'minutes' | 'count';
  /** I5: an excused item is not absent, or counts toward the limit (and the council may waive). */
  excused: 'not-absent' | 'absent';
  /** R7: who accepts an excuse request: the department council, or the department and then the college council. */
  excuseCouncils: 'department' | 'department-and-college';
  /** I6: absence percents of the planned total that raise the first and second warning. */
  warningPercents: number[];
  /** I6a: minutes a warning or deprivation (and a fall back from one) must hold before a notice tells it. */
  noticeDelayMinutes: number;
  /** Escalation: after this many items missed in a row in one component, a consecutive-absences notice (once per streak); 0 is off. */
  consecutiveAbsencesNotice: number;
  /** I7 / R8: a virtual class shorter than this is shown with a warning and left out of planned. */
  minVirtualClassMinutes: number;
  /** I8: items that end before the student enrolled are left out for that student. */
  excludeItemsBeforeEnrollment: boolean;
  /** I9 / R9: distinct days a week with a course access needed to be compliant. */
  minLoginDaysPerWeek: number;
  /** I10: a waiver is allowed only while every component's absence is at most 100 − this. */
  waiverFloorPercent: number;
  /** §4 virtualClass: share of the scheduled time a student must be connected. */
  minPresencePercent: number;
  /** §4 virtualClass: a first join more than this after the start is late. */
  lateAfterMinutes: number;
  /** §4 virtualClass and inPerson: whether late counts as attended. */
  lateCountsAsPresent: boolean;
  /** §4 recordedLecture: share of the lecture that must be watched by its due time. */
  minWatchedPercent: number;
  /** §4 eActivity: minutes after dueAt a submission still counts. */
  graceMinutes: number;
  /** §4 virtualClass: how long after its end a class whose attendance is a pulled report (Teams, Blackboard) waits for it. */
  reportWaitMinutes: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  combine: 'any-component',
  denominator: 'planned',
  thresholdPercent: 75,
  timedItemWeight: 'minutes',
  excused: 'not-absent',
  excuseCouncils: 'department',
  warningPercents: [10, 20],
  noticeDelayMinutes: 60,
  consecutiveAbsencesNotice: 0,
  minVirtualClassMinutes: 60,
  excludeItemsBeforeEnrollment: true,
  minLoginDaysPerWeek: 3,
  waiverFloorPercent: 50,
  minPresencePercent: 50,
  lateAfterMinutes: 10,
  lateCountsAsPresent: true,
  minWatchedPercent: 80,
  graceMinutes: 0,
  reportWaitMinutes: 1440,
} satisfies Policy);

export const POLICY_KEYS = Object.keys(DEFAULT_POLICY) as Array<keyof Policy>;

export function resolvePolicy(overrides: Partial<Policy> = {}): Policy {
  const policy = Object.assign({}, DEFAULT_POLICY, overrides);
  policy.warningPercents = [...policy.warningPercents].sort((a, b) => a - b);
  return policy;
}

/** Checks an override as it arrives from outside; answers the offending setting's name and why. */
export function policyProblems(overrides: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const percent = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100;
  const nonNegativeInteger = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  /** Minutes, up to a year: every deadline they move stays a real time. */
  const minutes = (v: unknown) => nonNegativeInteger(v) && (v as number) <= 525_600;
  const checks: Record<keyof Policy, (v: unknown) => boolean> = {
    combine: (v) => v === 'any-component' || v === 'weighted-total',
    denominator: (v) => v === 'planned' || v === 'decided',
    thresholdPercent: percent,
    timedItemWeight: (v) => v === 'minutes' || v === 'count',
    excused: (v) => v === 'not-absent' || v === 'absent',
    excuseCouncils: (v) => v === 'department' || v === 'department-and-college',
    warningPercents: (v) => Array.isArray(v) && v.length <= 2 && v.every(percent),
    noticeDelayMinutes: minutes,
    consecutiveAbsencesNotice: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100,
    minVirtualClassMinutes: minutes,
    excludeItemsBeforeEnrollment: (v) => typeof v === 'boolean',
    minLoginDaysPerWeek: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 7,
    waiverFloorPercent: percent,
    minPresencePercent: percent,
    lateAfterMinutes: minutes,
    lateCountsAsPresent: (v) => typeof v === 'boolean',
    minWatchedPercent: percent,
    graceMinutes: minutes,
    reportWaitMinutes: minutes,
  };
  for (const [key, value] of Object.entries(overrides)) {
    const check = checks[key as keyof Policy];
    if (!check) problems.push(`policy.${key} is not a policy setting`);
    else if (!check(value)) problems.push(`policy.${key} has an invalid value`);
  }
  return problems;
}
