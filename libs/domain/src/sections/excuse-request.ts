import type { ExcuseDocument, SectionEvent } from './section.events';

/**
 * An excuse request and every step taken on it (rules R7: the department council decides, and
 * the college council after it when the policy asks for both). An accepted request is an
 * accepted excuse whose `excuseId` is the request's id, so revoking that excuse revokes the request.
 */
export type ExcuseRequestState = 'submitted' | 'forwarded' | 'accepted' | 'rejected' | 'revoked';

/** One step of an excuse request, as the student sees it. */
export interface ExcuseRequestStep {
  step: ExcuseRequestState;
  by: string;
  at: string;
  reason?: string;
}

export interface ExcuseRequest {
  requestId: string;
  sectionId: string;
  studentId: string;
  itemIds: string[];
  reason: string;
  documents: ExcuseDocument[];
  requestedBy: string;
  requestedAt: string;
  state: ExcuseRequestState;
  steps: ExcuseRequestStep[];
}

/** A request still waiting for a council. */
export const isPending = (request: ExcuseRequest) => request.state === 'submitted' || request.state === 'forwarded';

/** The id of the request an event is a step of, if it is one. */
export function excuseRequestIdOf(event: SectionEvent): string | undefined {
  switch (event.type) {
    case 'ExcuseRequested':
    case 'ExcuseRequestForwarded':
    case 'ExcuseRequestRejected':
      return event.data.requestId;
    case 'ExcuseRecorded':
      return event.data.requestId;
    case 'ExcuseRevoked':
      return event.data.excuseId;
    default:
      return undefined;
  }
}

/** The request after one of its steps; `request` is undefined before it was made. Answers a new object. */
export function evolveExcuseRequest(request: ExcuseRequest | undefined, event: SectionEvent, recordedAt: number): ExcuseRequest | undefined {
  const step = (state: ExcuseRequestState, by: string, at: string, reason?: string): ExcuseRequest | undefined =>
    request && { ...request, state, steps: [...request.steps, reason === undefined ? { step: state, by, at } : { step: state, by, at, reason }] };
  const recorded = new Date(recordedAt).toISOString();
  switch (event.type) {
    case 'ExcuseRequested': {
      const d = event.data;
      return { ...d, state: 'submitted', steps: [{ step: 'submitted', by: d.requestedBy, at: d.requestedAt }] };
    }
    case 'ExcuseRequestForwarded':
      return step('forwarded', event.data.by, event.data.at, event.data.note);
    case 'ExcuseRequestRejected':
      return step('rejected', event.data.by, event.data.at, event.data.reason);
    case 'ExcuseRecorded':
      return step('accepted', event.data.decidedBy, recorded, event.data.note);
    case 'ExcuseRevoked':
      return step('revoked', event.data.by, recorded, event.data.reason);
    default:
      return request;
  }
}
