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

/**
 * A class whose attendance comes in a platform's report pulled after it (Teams, Blackboard) is
 * not decided at its end but once its report is in, or once `reportWaitMinutes` have passed
 * without one: until then a student not seen yet is pending, not absent.
 */
export function awaitingReport(item: Item, now: number, policy: Policy): boolean {
  if (!item.report) return false;
  const received = item.report.receivedAt !== undefined && item.report.receivedAt <= now;
  return !received && now < item.endsAt! + policy.reportWaitMinutes * 60_000;
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
  const over = now >= endsAt && !awaitingReport(item, now, policy);
  if (!explain) {
    const late = attended && joins[0].occurredAt - startsAt > policy.lateAfterMinutes * 60_000;
    return { outcome: attended ? (late ? 'late' : 'present') : over ? 'absent' : 'pending', evidence: [] };
  }
  const evidence: Evidence[] = [
    {
      kind: 'fact',
      code: 'connected',
      values: { connectedSeconds: Math.floor(connected / 1000), durationSeconds: Math.floor(duration / 1000), neededPercent: policy.minPresencePercent },
      note: `connected ${minutesAndSeconds(connected)} of the ${minutesAndSeconds(duration)} class; at least ${policy.minPresencePercent}% is needed`,
      factIds: [...facts].sort(byOccurrence).map((f) => f.id),
    },
  ];
  if (attended) {
    const firstJoin = joins[0].occurredAt;
    const late = firstJoin - startsAt > policy.lateAfterMinutes * 60_000;
    if (late) {
      const at = iso(firstJoin);
      evidence.push({
        kind: 'setting',
        code: 'joined-late',
        values: { at, lateAfterMinutes: policy.lateAfterMinutes },
        note: `first joined at ${at}, more than ${policy.lateAfterMinutes} min after the start`,
        at,
      });
    }
    return { outcome: late ? 'late' : 'present', evidence };
  }
  if (over) {
    evidence.push({ kind: 'schedule', code: 'class-ended', values: { endsAt: iso(endsAt) }, note: `the class ended at ${iso(endsAt)}`, at: iso(endsAt) });
    return { outcome: 'absent', evidence };
  }
  if (now >= endsAt) {
    const until = iso(endsAt + policy.reportWaitMinutes * 60_000);
    evidence.push({
      kind: 'schedule',
      code: 'awaiting-report',
      values: { platform: item.report!.platform, until },
      note: `waiting for the ${item.report!.platform} attendance report until ${until}`,
    });
  }
  return { outcome: 'pending', evidence };
}
