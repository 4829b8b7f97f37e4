import type { AccessFact } from './model';
import type { Policy } from './policy';
import { localDate, weekStart } from './zoned-time';

export interface LoginWeek {
  weekStart: string;
  days: number;
  compliant: boolean;
}

/** I9 / R9: per week (Sunday to Saturday, section time zone), the distinct days with a course access. */
export function loginCompliance(accesses: AccessFact[], timeZone: string, policy: Policy): LoginWeek[] {
  const daysByWeek = new Map<string, Set<string>>();
  for (const access of accesses) {
    const date = localDate(access.occurredAt, timeZone);
    const week = weekStart(date);
    if (!daysByWeek.has(week)) daysByWeek.set(week, new Set());
    daysByWeek.get(week)!.add(date);
  }
  return [...daysByWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, days]) => ({ weekStart: week, days: days.size, compliant: days.size >= policy.minLoginDaysPerWeek }));
}
