import type { Component, Waiver } from './model';
import type { Policy } from './policy';
import { breaksLimit, ComponentTally, limitBase, reachesWarning } from './tally';

export type Status = 'good' | 'warning-1' | 'warning-2' | 'deprived' | 'waived';
/** How serious a status is; waived is eligible, so it ranks with good. */
export const STATUS_RANK: Readonly<Record<Status, number>> = { good: 0, waived: 0, 'warning-1': 1, 'warning-2': 2, deprived: 3 };

export interface Reason {
  component: Component;
  absencePercent: number;
  limitPercent: number;
}

export type Tallies = Partial<Record<Component, ComponentTally>>;

const levelOf = (deprived: boolean, warningsReached: number): Status =>
  deprived ? 'deprived' : warningsReached >= 2 ? 'warning-2' : warningsReached === 1 ? 'warning-1' : 'good';

function anyComponentStatus(tallies: ComponentTally[], policy: Policy): Status {
  let worst: Status = 'good';
  for (const t of tallies) {
    const status = levelOf(breaksLimit(t, policy), policy.warningPercents.filter((w) => reachesWarning(t, policy, w)).length);
    if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
  }
  return worst;
}

/**
 * I1 other reading: the mean of the components' absence fractions against the same limits,
 * compared exactly by multiplying through by the product of the bases.
 */
function weightedTotalStatus(tallies: ComponentTally[], policy: Policy): Status {
  const used = tallies.filter((t) => limitBase(t, policy) > 0);
  if (used.length === 0) return 'good';
  const bases = used.map((t) => BigInt(limitBase(t, policy)));
  const product = bases.reduce((a, b) => a * b, 1n);
  const absenceTimes100 = used.reduce((sum, t, i) => sum + BigInt(t.absent) * (product / bases[i]) * 100n, 0n);
  const scale = BigInt(used.length) * product;
  const deprived = absenceTimes100 > BigInt(100 - policy.thresholdPercent) * scale;
  const hasAbsence = used.some((t) => t.absent > 0);
  const warnings = policy.warningPercents.filter((w) => hasAbsence && absenceTimes100 >= BigInt(w) * scale).length;
  return levelOf(deprived, warnings);
}

/** The status before waivers (I1, I3, I6). */
export function statusOf(tallies: Tallies, policy: Policy): Status {
  const list = Object.values(tallies) as ComponentTally[];
  return policy.combine === 'any-component' ? anyComponentStatus(list, policy) : weightedTotalStatus(list, policy);
}

/** I10: a waiver is possible only while every component's absence is within the floor. */
export function withinWaiverFloor(tallies: Tallies, policy: Policy): boolean {
  return (Object.values(tallies) as ComponentTally[]).every((t) => !breaksLimit(t, policy, 100 - policy.waiverFloorPercent));
}

/** The components behind a deprivation, with their absence and the limit they broke. */
export function reasonsFor(tallies: Tallies, policy: Policy, status: Status): Reason[] {
  if (status !== 'deprived' && status !== 'waived') return [];
  const limitPercent = 100 - policy.thresholdPercent;
  return (Object.entries(tallies) as Array<[Component, ComponentTally]>)
    .filter(([, t]) => (policy.combine === 'any-component' ? breaksLimit(t, policy) : t.absent > 0))
    .map(([component, t]) => ({ component, absencePercent: t.absencePercent, limitPercent }));
}

/** A waiver turns a deprivation into `waived` while the floor still holds; it stays on the record either way. */
export function applyWaiver(status: Status, tallies: Tallies, policy: Policy, waivers: Waiver[]): Status {
  if (status !== 'deprived' || waivers.length === 0) return status;
  return withinWaiverFloor(tallies, policy) ? 'waived' : status;
}

/** The components that put a student at `status`: those past the limit, or past the warning's percent. */
export function causesOf(tallies: Tallies, policy: Policy, status: Status): Component[] {
  const rank = STATUS_RANK[status];
  const entries = Object.entries(tallies) as Array<[Component, ComponentTally]>;
  if (rank === 0) return [];
  if (policy.combine === 'weighted-total') return entries.filter(([, t]) => t.absent > 0).map(([c]) => c);
  const reached = (t: ComponentTally) => (rank === 3 ? breaksLimit(t, policy) : reachesWarning(t, policy, policy.warningPercents[rank - 1] ?? Infinity));
  return entries.filter(([, t]) => reached(t)).map(([c]) => c);
}
