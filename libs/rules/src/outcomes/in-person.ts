import { iso } from '../evidence';
import type { Item, MarkFact } from '../model';
import type { Policy } from '../policy';
import { byOccurrence, KindOutcome } from './kind-outcome';

/**
 * The latest mark decides. A mark that is not attended leaves the item pending until the session
 * ends: the instructor may still change it (rules §4). With no mark for the student after the
 * session, the student is absent if attendance was taken (someone was marked), and the session
 * is unrecorded if not.
 */
export function inPersonOutcome(item: Item, marks: MarkFact[], now: number, attendanceTaken: boolean, policy: Policy, explain = true): KindOutcome {
  if (marks.length > 0) {
    const latest = [...marks].sort(byOccurrence).at(-1)!;
    const attended = latest.status === 'present' || (latest.status === 'late' && policy.lateCountsAsPresent);
    const open = !attended && now < item.endsAt!;
    if (!explain) return { outcome: open ? 'pending' : latest.status, evidence: [] };
    const at = iso(latest.occurredAt);
    const endsAt = iso(item.endsAt!);
    const marked = { kind: 'fact' as const, code: 'marked' as const, values: { status: latest.status, at }, note: `marked ${latest.status} at ${at}`, factIds: [latest.id], at };
    if (!open) return { outcome: latest.status, evidence: [marked] };
    return {
      outcome: 'pending',
      evidence: [marked, { kind: 'schedule', code: 'mark-open', values: { endsAt }, note: `the mark may still change until the session ends at ${endsAt}`, at: endsAt }],
    };
  }
  if (now < item.endsAt!) return { outcome: 'pending', evidence: [] };
  if (!attendanceTaken) {
    return { outcome: 'unrecorded', evidence: explain ? [{ kind: 'exclusion', code: 'attendance-not-taken', note: 'attendance was not taken for this session' }] : [] };
  }
  if (!explain) return { outcome: 'absent', evidence: [] };
  const endsAt = iso(item.endsAt!);
  return { outcome: 'absent', evidence: [{ kind: 'schedule', code: 'not-marked', values: { endsAt }, note: `not marked by the end of the session at ${endsAt}; others were marked`, at: endsAt }] };
}
