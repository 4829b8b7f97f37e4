import { countsAsAbsent, isAttended, ItemEvaluation } from './item-outcome';
import type { Component } from './model';
import type { Policy } from './policy';

export interface ComponentTally {
  planned: number;
  attended: number;
  absent: number;
  excused: number;
  pending: number;
  absencePercent: number;
  attendancePercentToDate: number | null;
  allowance: number;
}

/** The total the limits are measured against (I2): the whole term's plan, or what is decided so far. */
export const limitBase = (t: ComponentTally, policy: Policy): number =>
  policy.denominator === 'planned' ? t.planned : t.attended + t.absent + t.excused - (policy.excused === 'absent' ? t.excused : 0);

/** 100 × part ÷ whole rounded half up to two decimals, computed in integers. */
export function percent2(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.floor((20_000 * part + whole) / (2 * whole)) / 100;
}

type Counts = { planned: number; attended: number; absent: number; excused: number; pending: number };

/** Every component's tally in one pass over the items. */
export function tallyComponents(components: readonly Component[], items: ItemEvaluation[], policy: Policy): Partial<Record<Component, ComponentTally>> {
  const counts = new Map<Component, Counts>(components.map((c) => [c, { planned: 0, attended: 0, absent: 0, excused: 0, pending: 0 }]));
  for (const item of items) {
    const t = counts.get(item.kind);
    if (!t || !item.counted) continue;
    t.planned += item.weight;
    if (isAttended(item.outcome, policy)) t.attended += item.weight;
    if (countsAsAbsent(item.outcome, policy)) t.absent += item.weight;
    if (item.outcome === 'excused') t.excused += item.weight;
    if (item.outcome === 'pending') t.pending += item.weight;
  }
  const tallies: Partial<Record<Component, ComponentTally>> = {};
  for (const [component, t] of counts) tallies[component] = finish(t, policy);
  return tallies;
}

export function tallyComponent(component: Component, items: ItemEvaluation[], policy: Policy): ComponentTally {
  return tallyComponents([component], items, policy)[component]!;
}

function finish(t: Counts, policy: Policy): ComponentTally {
  const tally: ComponentTally = Object.assign(t, { absencePercent: 0, attendancePercentToDate: null, allowance: 0 });
  const base = limitBase(tally, policy);
  tally.absencePercent = percent2(t.absent, base);
  tally.attendancePercentToDate = t.attended + t.absent === 0 ? null : percent2(t.attended, t.attended + t.absent);
  tally.allowance = Math.max(0, Math.floor(((100 - policy.thresholdPercent) * base) / 100) - t.absent);
  return tally;
}

/** I3: absence exceeds the limit, `absent × 100 > (100 − threshold) × base`. */
export const breaksLimit = (t: ComponentTally, policy: Policy, limitPercent = 100 - policy.thresholdPercent): boolean =>
  t.absent * 100 > limitPercent * limitBase(t, policy);

/** I6: absence has reached a warning percent of the base. */
export const reachesWarning = (t: ComponentTally, policy: Policy, warningPercent: number): boolean =>
  t.absent > 0 && t.absent * 100 >= warningPercent * limitBase(t, policy);
