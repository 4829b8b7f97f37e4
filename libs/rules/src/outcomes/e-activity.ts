import { Evidence, iso } from '../evidence';
import type { SubmissionFact } from '../model';
import { byOccurrence, KindOutcome } from './kind-outcome';

/** Submitted at or before the due time plus grace (R6); otherwise absent once that has passed. */
export function eActivityOutcome(deadline: number, submissions: SubmissionFact[], now: number, explain = true): KindOutcome {
  if (!explain) return { outcome: submissions.some((s) => s.occurredAt <= deadline) ? 'present' : now > deadline ? 'absent' : 'pending', evidence: [] };
  const sorted = [...submissions].sort(byOccurrence);
  const inTime = sorted.find((s) => s.occurredAt <= deadline);
  if (inTime) {
    return {
      outcome: 'present',
      evidence: [{ kind: 'fact', note: `submitted at ${iso(inTime.occurredAt)}, due ${iso(deadline)}`, factIds: [inTime.id], at: iso(inTime.occurredAt) }],
    };
  }
  const evidence: Evidence[] = sorted.map((s) => ({
    kind: 'fact',
    note: `submitted at ${iso(s.occurredAt)}, after the due time ${iso(deadline)}: not counted`,
    factIds: [s.id],
    at: iso(s.occurredAt),
  }));
  if (now > deadline) {
    evidence.push({ kind: 'schedule', note: `not submitted by ${iso(deadline)}`, at: iso(deadline) });
    return { outcome: 'absent', evidence };
  }
  return { outcome: 'pending', evidence };
}
