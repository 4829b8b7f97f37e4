import { itemDeadline } from './item-outcome';
import type { Item, Section } from './model';
import type { Policy } from './policy';

/**
 * The first moment after `now` at which the clock alone could change an evaluation made at
 * `now`: a deadline passing, or a virtual class starting (while one runs, connected time grows
 * with the clock, so the answer is `now` itself). Until then, the same facts give the same result.
 */
export function nextChangeAt(items: Iterable<Item>, section: Section, policy: Policy, now: number, options: { runningClasses?: boolean } = {}): number {
  let next = Infinity;
  for (const item of items) {
    if (item.cancelled) continue;
    if (item.kind === 'virtualClass') {
      // `runningClasses: false` asks for the next deadline only: a running class's growing connected time is left out.
      if (item.startsAt! <= now && now < item.endsAt! && options.runningClasses !== false) return now;
      if (item.startsAt! > now) next = Math.min(next, item.startsAt!);
    }
    const deadline = itemDeadline(item, section);
    if (deadline === undefined) continue;
    // A class waiting for its pulled report is decided when the wait ends, if no report came.
    if (item.report && item.report.receivedAt === undefined) {
      const waitEnds = deadline + policy.reportWaitMinutes * 60_000;
      if (waitEnds > now) next = Math.min(next, waitEnds);
    }
    // Timed sessions turn at their end; the others once their due time (plus grace) has strictly passed.
    const turn = item.kind === 'virtualClass' || item.kind === 'inPerson' ? deadline : deadline + (item.kind === 'eActivity' ? policy.graceMinutes * 60_000 : 0) + 1;
    if (turn > now) next = Math.min(next, turn);
  }
  return next;
}
