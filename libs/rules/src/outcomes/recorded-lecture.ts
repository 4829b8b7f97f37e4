import { Evidence, iso } from '../evidence';
import type { ViewFact } from '../model';
import type { Policy } from '../policy';
import { byOccurrence, KindOutcome } from './kind-outcome';
import { unionLength } from './virtual-class';

const MICROS = 1_000_000;

/**
 * The watched share in millionths: the larger of the largest progress and the union of the
 * watched ranges over the lecture's length. A view that reports neither is a full watch; a view
 * whose ranges are an empty list watched nothing.
 */
export function watchedShareMicros(views: ViewFact[], lengthSeconds: number): number {
  let best = 0;
  const ranges: Array<[number, number]> = [];
  for (const view of views) {
    const hasProgress = typeof view.progress === 'number';
    const hasRanges = Array.isArray(view.watchedRanges);
    if (!hasProgress && !hasRanges) return MICROS;
    if (hasProgress) best = Math.max(best, Math.round(view.progress! * MICROS));
    if (hasRanges) for (const [from, to] of view.watchedRanges!) ranges.push([Math.round(from * 1000), Math.round(to * 1000)]);
  }
  if (ranges.length > 0 && lengthSeconds > 0) {
    const lengthMs = lengthSeconds * 1000;
    const watchedMs = unionLength(ranges, 0, lengthMs);
    best = Math.max(best, Math.floor((watchedMs * MICROS) / lengthMs));
  }
  return Math.min(best, MICROS);
}

export function recordedLectureOutcome(
  durationMinutes: number,
  deadline: number | undefined,
  views: ViewFact[],
  now: number,
  policy: Policy,
  explain = true,
): KindOutcome {
  const counted = views.filter((v) => deadline === undefined || v.occurredAt <= deadline).sort(byOccurrence);
  const late = views.filter((v) => deadline !== undefined && v.occurredAt > deadline);
  const share = watchedShareMicros(counted, durationMinutes * 60);
  const attended = counted.length > 0 && share * 100 >= policy.minWatchedPercent * MICROS;
  if (!explain) return { outcome: attended ? 'present' : deadline !== undefined && now > deadline ? 'absent' : 'pending', evidence: [] };
  const evidence: Evidence[] = [];
  if (counted.length > 0) {
    const watched = Math.floor(share / 100) / 100;
    evidence.push({
      kind: 'fact',
      code: 'watched',
      values: { watchedPercent: watched, neededPercent: policy.minWatchedPercent },
      note: `watched ${watched.toFixed(2)}% by the due time; ${policy.minWatchedPercent}% is needed`,
      factIds: counted.map((v) => v.id),
    });
  }
  if (late.length > 0) {
    evidence.push({ kind: 'fact', code: 'viewed-late', note: 'viewed after the due time: shown, not counted', factIds: late.map((v) => v.id) });
  }
  if (attended) return { outcome: 'present', evidence };
  if (deadline !== undefined && now > deadline) {
    const due = iso(deadline);
    evidence.push({ kind: 'schedule', code: 'not-watched', values: { due }, note: `not watched enough by the due time ${due}`, at: due });
    return { outcome: 'absent', evidence };
  }
  return { outcome: 'pending', evidence };
}
