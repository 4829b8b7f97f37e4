import type { Policy } from '@attendance/rules';
import { isPending } from './excuse-request';
import { isActive, SectionState } from './section-state';
import type { ExcuseRequested, SectionEvent } from './section.events';
import { SectionRuleViolation } from './section-rule-violation';

/** Pure decisions on excuse requests (rules R7, I5): the section's state and a request in, the events out. */

export type Council = 'department' | 'college';
export type ExcuseDecision = { decision: 'accept'; reason?: string } | { decision: 'reject'; reason: string } | { decision: 'forward'; reason?: string };

const conflict = (message: string) => new SectionRuleViolation('conflict', message);

export function requestExcuse(state: SectionState, data: ExcuseRequested): SectionEvent[] {
  const sectionId = data.sectionId;
  if (!state.definition) throw new SectionRuleViolation('not-found', `section ${sectionId} does not exist`);
  if (!isActive(state.enrollments.get(data.studentId))) throw new SectionRuleViolation('not-found', `student ${data.studentId} is not enrolled in section ${sectionId}`);
  for (const itemId of data.itemIds) {
    const item = state.items.get(itemId);
    if (!item || item.cancelled) throw new SectionRuleViolation('not-found', `itemIds: item ${itemId} does not exist in section ${sectionId}`);
    if (state.excuses.some((e) => e.studentId === data.studentId && e.itemIds.includes(itemId))) throw conflict(`itemIds: item ${itemId} is already excused`);
    const waiting = [...state.excuseRequests.values()].find((r) => r.studentId === data.studentId && isPending(r) && r.itemIds.includes(itemId));
    if (waiting) throw conflict(`itemIds: item ${itemId} is already in request ${waiting.requestId}, which waits for a decision`);
  }
  if (state.excuseRequests.has(data.requestId)) throw conflict(`requestId: request ${data.requestId} exists`);
  return [{ type: 'ExcuseRequested', data }];
}

/**
 * A council's decision. The department accepts, rejects or forwards a submitted request; when the
 * policy asks for both councils it cannot accept, only forward; the college decides a forwarded one.
 */
export function decideExcuseRequest(state: SectionState, requestId: string, council: Council, by: string, decision: ExcuseDecision, policy: Policy, at: string): SectionEvent[] {
  const request = state.excuseRequests.get(requestId);
  if (!request) throw new SectionRuleViolation('not-found', `excuse request ${requestId} does not exist`);
  const turn: Council | undefined = request.state === 'submitted' ? 'department' : request.state === 'forwarded' ? 'college' : undefined;
  if (turn === undefined) throw conflict(`excuse request ${requestId} is already ${request.state}`);
  if (turn !== council) throw conflict(`excuse request ${requestId} waits for the ${turn} council, not the ${council} council`);
  const { sectionId, studentId } = request;
  switch (decision.decision) {
    case 'reject':
      return [{ type: 'ExcuseRequestRejected', data: { sectionId, requestId, studentId, council, by, reason: decision.reason, at } }];
    case 'forward':
      if (council === 'college') throw conflict('decision: the college council is the last; it accepts or rejects');
      return [{ type: 'ExcuseRequestForwarded', data: { sectionId, requestId, studentId, by, ...(decision.reason ? { note: decision.reason } : {}), at } }];
    case 'accept':
      if (council === 'department' && policy.excuseCouncils === 'department-and-college') throw conflict('decision: the policy asks for the college council too (excuseCouncils: department-and-college): forward the request');
      return [{ type: 'ExcuseRecorded', data: { sectionId, studentId, itemIds: request.itemIds, reason: request.reason, decidedBy: by, recordedBy: by, excuseId: requestId, requestId, ...(decision.reason ? { note: decision.reason } : {}) } }];
  }
}

/** An accepted excuse taken back (a request's excuse has the request's id). */
export function revokeExcuse(state: SectionState, excuseId: string, by: string, reason: string): SectionEvent[] {
  const excuse = state.excuses.find((e) => e.excuseId === excuseId);
  if (!excuse) {
    const request = state.excuseRequests.get(excuseId);
    if (request) throw conflict(`excuse request ${excuseId} is ${request.state}: only an accepted excuse can be revoked`);
    throw new SectionRuleViolation('not-found', `excuse ${excuseId} does not exist in section ${state.definition?.sectionId ?? ''}`);
  }
  return [{ type: 'ExcuseRevoked', data: { sectionId: state.definition!.sectionId, studentId: excuse.studentId, excuseId, reason, by } }];
}
