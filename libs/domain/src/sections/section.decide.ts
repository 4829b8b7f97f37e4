import { StudentEvaluation, withinWaiverFloor } from '@attendance/rules';
import { definitionProblems, itemProblems } from './section-checks';
import { isActive, SectionState } from './section-state';
import type { CorrectionRecorded, ExcuseRecorded, ItemScheduled, SectionDefined, SectionEvent, WaiverGranted } from './section.events';
import { SectionRuleViolation } from './section-rule-violation';
import { parseInstant } from '../time';

/** Pure decisions: the state of a section and a request in, the events to append out. */

const notFound = (message: string) => new SectionRuleViolation('not-found', message);
const invalid = (message: string) => new SectionRuleViolation('invalid', message);

function requireSection(state: SectionState, sectionId: string): void {
  if (!state.definition) throw notFound(`section ${sectionId} does not exist`);
}

function requireEnrolled(state: SectionState, studentId: string): void {
  requireSection(state, state.definition?.sectionId ?? '');
  if (!isActive(state.enrollments.get(studentId))) throw notFound(`student ${studentId} is not enrolled in section ${state.definition!.sectionId}`);
}

function requireItems(state: SectionState, itemIds: string[]): void {
  for (const itemId of itemIds) {
    const item = state.items.get(itemId);
    if (!item || item.cancelled) throw notFound(`item ${itemId} does not exist in section ${state.definition!.sectionId}`);
  }
}

export function defineSection(_state: SectionState, data: SectionDefined): SectionEvent[] {
  const problems = definitionProblems(data);
  if (problems.length > 0) throw invalid(problems.join('; '));
  return [{ type: 'SectionDefined', data }];
}

export function enroll(state: SectionState, sectionId: string, studentId: string, enrolledAt: string): SectionEvent[] {
  requireSection(state, sectionId);
  const current = state.enrollments.get(studentId);
  if (isActive(current) && current.enrolledAt === parseInstant(enrolledAt)) return [];
  return [{ type: 'StudentEnrolled', data: { sectionId, studentId, enrolledAt } }];
}

export function drop(state: SectionState, sectionId: string, studentId: string, droppedAt: string): SectionEvent[] {
  requireEnrolled(state, studentId);
  return [{ type: 'StudentDropped', data: { sectionId, studentId, droppedAt } }];
}

export function scheduleItem(state: SectionState, data: ItemScheduled): SectionEvent[] {
  requireSection(state, data.sectionId);
  const problems = itemProblems(data);
  if (problems.length > 0) throw invalid(problems.join('; '));
  return [{ type: 'ItemScheduled', data }];
}

export function cancelItem(state: SectionState, sectionId: string, itemId: string): SectionEvent[] {
  requireSection(state, sectionId);
  const item = state.items.get(itemId);
  if (!item) throw notFound(`item ${itemId} does not exist in section ${sectionId}`);
  return item.cancelled ? [] : [{ type: 'ItemCancelled', data: { sectionId, itemId } }];
}

export function recordExcuse(state: SectionState, data: ExcuseRecorded): SectionEvent[] {
  requireEnrolled(state, data.studentId);
  requireItems(state, data.itemIds);
  return [{ type: 'ExcuseRecorded', data }];
}

export function recordCorrection(state: SectionState, data: CorrectionRecorded): SectionEvent[] {
  requireEnrolled(state, data.studentId);
  requireItems(state, [data.itemId]);
  return [{ type: 'CorrectionRecorded', data }];
}

/** I10: refused below the floor; `standing` is the student's evaluation now. */
export function grantWaiver(state: SectionState, data: WaiverGranted, standing: StudentEvaluation | undefined): SectionEvent[] {
  requireEnrolled(state, data.studentId);
  if (standing && !withinWaiverFloor(standing.components, state.policy)) {
    const floor = 100 - state.policy.waiverFloorPercent;
    const over = Object.entries(standing.components)
      .filter(([, t]) => t!.absent * 100 > floor * (t!.planned || 0))
      .map(([c, t]) => `${c} absence ${t!.absencePercent}%`);
    throw new SectionRuleViolation('unprocessable', `a waiver is refused: ${over.join(', ')} is beyond the waiver floor of ${floor}% absence (waiverFloorPercent ${state.policy.waiverFloorPercent})`);
  }
  return [{ type: 'WaiverGranted', data }];
}

export function finalize(state: SectionState, sectionId: string, by: string, reason?: string): SectionEvent[] {
  requireSection(state, sectionId);
  if (state.finalizedAt !== undefined) throw new SectionRuleViolation('conflict', `section ${sectionId} is already finalized`);
  return [{ type: 'EligibilityFinalized', data: { sectionId, by, reason } }];
}

export function reopen(state: SectionState, sectionId: string, by: string, reason?: string): SectionEvent[] {
  requireSection(state, sectionId);
  if (state.finalizedAt === undefined) throw new SectionRuleViolation('conflict', `section ${sectionId} is not finalized`);
  return [{ type: 'EligibilityReopened', data: { sectionId, by, reason } }];
}
export * from './excuse-request.decide';
