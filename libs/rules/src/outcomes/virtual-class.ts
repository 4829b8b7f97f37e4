import { Evidence, iso, minutesAndSeconds } from '../evidence';
import type { Item, JoinFact } from '../model';
import type { Policy } from '../policy';
import { byOccurrence, KindOutcome } from './kind-outcome';

type Interval = [number, number];

/** A leave at the same instant as a join is a reconnection: the leave closes the old interval first. */
const leavesFirst = (a: JoinFact, b: JoinFact): number =>
  a.occurredAt - b.occurredAt || (a.type === b.type ? byOccurrence(a, b) : a.type === 'virtual-class.left' ? -1 : 1);

/** Join→leave intervals in occurrence order; a join with no later leave stays open until `openUntil`. */
export function connectedIntervals(facts: JoinFact[], openUntil: number): Interval[] {
  const intervals: Interval[] = [];
  let openedAt: number | undefined;
  for (const fact of [...facts].sort(leavesFirst)) {
    if (fact.type === 'virtual-class.joined') openedAt ??= fact.occurredAt;
    else if (openedAt !== undefined) {
      intervals.push([openedAt, fact.occurredAt]);
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined && openedAt < openUntil) intervals.push([openedAt, openUntil]);
  return intervals;
}

/** Length of the union of intervals clipped to [from, to]. */
export function unionLength(intervals: Interval[], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): Interval => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

export function virtualClassOutcome(item: Item, facts: JoinFact[], now: number, policy: Policy, explain = true): KindOutcome {
  const startsAt = item.startsAt!;
  const endsAt = item.endsAt!;
  const duration = endsAt - startsAt;
  // An open interval cannot run past the end of class, nor past the moment of evaluation.
  const intervals = connectedIntervals(facts, Math.min(endsAt, now));
  const connected = unionLength(intervals, startsAt, endsAt);
  const attended = connected * 100 >= policy.minPresencePercent * duration;
  const joins = facts.filter((f) => f.type === 'virtual-class.joined').sort(byOccurrence);
  if (!explain) {
    const late = attended && joins[0].occurredAt - startsAt > policy.lateAfterMinutes * 60_000;
    return { outcome: attended ? (late ? 'late' : 'present') : now >= endsAt ? 'absent' : 'pending', evidence: [] };
  }
  const evidence: Evidence[] = [
    {
      kind: 'fact',
      note: `connected ${minutesAndSeconds(connected)} of the ${minutesAndSeconds(duration)} class; at least ${policy.minPresencePercent}% is needed`,
      factIds: [...facts].sort(byOccurrence).map((f) => f.id),
    },
  ];
  if (attended) {
    const firstJoin = joins[0].occurredAt;
    const late = firstJoin - startsAt > policy.lateAfterMinutes * 60_000;
    if (late) {
      evidence.push({
        kind: 'setting',
        note: `first joined at ${iso(firstJoin)}, more than ${policy.lateAfterMinutes} min after the start`,
        at: iso(firstJoin),
      });
    }
    return { outcome: late ? 'late' : 'present', evidence };
  }
  if (now >= endsAt) {
    evidence.push({ kind: 'schedule', note: `the class ended at ${iso(endsAt)}`, at: iso(endsAt) });
    return { outcome: 'absent', evidence };
  }
  return { outcome: 'pending', evidence };
}
