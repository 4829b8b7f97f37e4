import { Evidence, iso } from '../evidence';
import type { SubmissionFact } from '../model';
import { byOccurrence, KindOutcome } from './kind-outcome';

/** Submitted at or before the due time plus grace (R6); otherwise absent once that has passed. */
export function eActivityOutcome(deadline: number, submissions: SubmissionFact[], now: number, explain = true): KindOutcome {
  if (!explain) return { outcome: submissions.some((s) => s.occurredAt <= deadline) ? 'present' : now > deadline ? 'absent' : 'pending', evidence: [] };
  const sorted = [...submissions].sort(byOccurrence);
  const due = iso(deadline);
  const inTime = sorted.find((s) => s.occurredAt <= deadline);
  if (inTime) {
    const at = iso(inTime.occurredAt);
    return { outcome: 'present', evidence: [{ kind: 'fact', code: 'submitted', values: { at, due }, note: `submitted at ${at}, due ${due}`, factIds: [inTime.id], at }] };
  }
  const evidence: Evidence[] = sorted.map((s) => {
    const at = iso(s.occurredAt);
    return { kind: 'fact', code: 'submitted-late', values: { at, due }, note: `submitted at ${at}, after the due time ${due}: not counted`, factIds: [s.id], at };
  });
  if (now > deadline) {
    evidence.push({ kind: 'schedule', code: 'not-submitted', values: { due }, note: `not submitted by ${due}`, at: due });
    return { outcome: 'absent', evidence };
  }
  return { outcome: 'pending', evidence };
}
