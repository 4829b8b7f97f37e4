import { Injectable } from '@nestjs/common';
import { parseScope } from '@attendance/domain';
import type { Component, Policy, Status } from '@attendance/rules';
import { AttendanceReader } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';

const STATUSES: Status[] = ['good', 'warning-1', 'warning-2', 'deprived', 'waived'];

export interface WhatIfChange {
  sectionId: string;
  studentId: string;
  from: Status;
  to: Status;
  /** Each component's absence against its limit, now and under the candidate. */
  components: Partial<Record<Component, { before: { absencePercent: number; limitPercent: number }; after: { absencePercent: number; limitPercent: number } }>>;
}

export interface WhatIfResult {
  scope: string;
  candidate: Partial<Policy>;
  evaluatedAt: string;
  sections: number;
  enrollments: number;
  counts: { before: Record<Status, number>; after: Record<Status, number> };
  changes: WhatIfChange[];
}

export interface WhatIfProgress {
  sectionsDone: number;
  sectionsTotal: number;
  enrollmentsDone: number;
}

const zeroCounts = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

/**
 * What a candidate policy would do, before anyone adopts it: every enrollment in scope evaluated
 * now under the policy in force and under the candidate (standing in for the scope's version, or
 * for a section's own overrides), on the read state; nothing is written. Answers who would change
 * status and the counts before and after.
 */
@Injectable()
export class WhatIf {
  constructor(
    private readonly reader: AttendanceReader,
    private readonly projection: AttendanceProjection,
  ) {}

  /** The sections a scope covers: "institution", "term:…", "level:…", "college:…" or "section:…". */
  sectionsIn(scope: string): string[] | undefined {
    const model = this.projection.model;
    if (scope.startsWith('section:')) {
      const sectionId = scope.slice('section:'.length);
      return model.definition(sectionId) ? [sectionId] : undefined;
    }
    const parsed = parseScope(scope);
    if (!parsed) return undefined;
    return model.sectionIdsWhere(parsed.kind === 'institution' ? {} : parsed.kind === 'term' ? { termId: parsed.id } : { [parsed.kind]: parsed.id });
  }

  async run(scope: string, candidate: Partial<Policy>, sectionIds: string[], now: number, onProgress?: (p: WhatIfProgress) => void): Promise<WhatIfResult> {
    const replaced = { scope: scope.startsWith('section:') ? 'section' : scope, policy: candidate };
    const result: WhatIfResult = { scope, candidate, evaluatedAt: new Date(now).toISOString(), sections: sectionIds.length, enrollments: 0, counts: { before: zeroCounts(), after: zeroCounts() }, changes: [] };
    for (const [i, sectionId] of sectionIds.entries()) {
      // Now: the statuses as stored (computed again only where stale). Under the candidate: evaluated.
      const stored = await this.reader.statuses(sectionId);
      const view = await this.reader.view(sectionId);
      const limitBefore = 100 - this.reader.policyAt(view.state, now).policy.thresholdPercent;
      const underCandidate = this.reader.policyAt(view.state, now, replaced).policy;
      const limitAfter = 100 - underCandidate.thresholdPercent;
      for (const { studentId, row: before } of stored) {
        const after = this.reader.evaluateUnder(view, studentId, underCandidate);
        if (!after) continue;
        result.enrollments++;
        result.counts.before[before.status]++;
        result.counts.after[after.status]++;
        if (before.status === after.status) continue;
        const components: WhatIfChange['components'] = {};
        for (const [c, tally] of Object.entries(before.components) as Array<[Component, { absencePercent: number; planned: number }]>) {
          const next = after.components[c];
          // A component with nothing planned has no figures to compare.
          if (!next || tally.planned === 0) continue;
          components[c] = { before: { absencePercent: tally.absencePercent, limitPercent: limitBefore }, after: { absencePercent: next.absencePercent, limitPercent: limitAfter } };
        }
        result.changes.push({ sectionId, studentId, from: before.status, to: after.status, components });
      }
      onProgress?.({ sectionsDone: i + 1, sectionsTotal: sectionIds.length, enrollmentsDone: result.enrollments });
      // A whole term is long work: requests go on being answered in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  }
}
