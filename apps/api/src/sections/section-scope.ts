import { decide, SectionRuleViolation, SectionState } from '@attendance/domain';
import type { Principal } from '../auth/principal';

/** How a change names who made it: role and subject. */
export const actor = (by: Principal) => `${by.role}:${by.subject}`;

/**
 * Whom a section lets change it beyond their role: faculty only the sections that list them, a
 * department council only its department's, a college council only its college's.
 */
export function assertScope(by: Principal, sectionId: string, state: SectionState): void {
  const d = state.definition;
  if (by.role === 'faculty' && !d?.instructors.includes(by.subject)) throw new SectionRuleViolation('forbidden', `faculty ${by.subject} does not teach section ${sectionId}`);
  if (d && !inCouncilScope(by, d)) throw new SectionRuleViolation('forbidden', `section ${sectionId} is not of ${by.role} ${by.subject}`);
}

/** Whether a council (a department or college token) reaches a section of this department and college; any other role is not a council and passes. */
export function inCouncilScope(by: Principal, section: { department?: string; college?: string }): boolean {
  if (by.role === 'department') return section.department === by.subject;
  if (by.role === 'college') return section.college === by.subject;
  return true;
}

/** An admin decides for the council whose turn it is. */
export function councilWhoseTurn(state: SectionState, requestId: string): decide.Council {
  return state.excuseRequests.get(requestId)?.state === 'forwarded' ? 'college' : 'department';
}
