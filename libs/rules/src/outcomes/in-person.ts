import { iso } from '../evidence';
import type { Item, MarkFact } from '../model';
import { byOccurrence, KindOutcome } from './kind-outcome';

/**
 * The latest mark decides. With no mark for the student after the session, the student is
 * absent if attendance was taken (someone was marked), and the session is unrecorded if not.
 */
export function inPersonOutcome(item: Item, marks: MarkFact[], now: number, attendanceTaken: boolean, explain = true): KindOutcome {
  if (marks.length > 0) {
    const latest = [...marks].sort(byOccurrence).at(-1)!;
    return {
      outcome: latest.status,
      evidence: !explain ? [] : [{ kind: 'fact', note: `marked ${latest.status} at ${iso(latest.occurredAt)}`, factIds: [latest.id], at: iso(latest.occurredAt) }],
    };
  }
  if (now < item.endsAt!) return { outcome: 'pending', evidence: [] };
  if (!attendanceTaken) {
    return { outcome: 'unrecorded', evidence: explain ? [{ kind: 'exclusion', note: 'attendance was not taken for this session' }] : [] };
  }
  return {
    outcome: 'absent',
    evidence: !explain ? [] : [{ kind: 'schedule', note: `not marked by the end of the session at ${iso(item.endsAt!)}; others were marked`, at: iso(item.endsAt!) }],
  };
}
