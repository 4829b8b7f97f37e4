import type { Correction, Enrollment, Excuse, Item, Section, Waiver } from '@attendance/rules';
import { resolvePolicy, Policy } from '@attendance/rules';
import { parseInstant } from '../time';
import { evolveExcuseRequest, excuseRequestIdOf, ExcuseRequest } from './excuse-request';
import type { ItemLinks, SectionDefined, SectionEvent } from './section.events';

export interface ItemState extends Item {
  title?: string;
  links?: ItemLinks;
}

/** A section as its events made it: the input of every decision and evaluation about it. */
export interface SectionState {
  definition?: SectionDefined;
  section?: Section;
  policy: Policy;
  items: Map<string, ItemState>;
  enrollments: Map<string, Enrollment>;
  excuses: Excuse[];
  corrections: Correction[];
  waivers: Waiver[];
  /** Excuse requests by id, in the order they were made. */
  excuseRequests: Map<string, ExcuseRequest>;
  /** When the registrar finalized eligibility, while it stays finalized. */
  finalizedAt?: number;
}

export const emptySectionState = (): SectionState => ({
  policy: resolvePolicy(),
  items: new Map(),
  enrollments: new Map(),
  excuses: [],
  corrections: [],
  waivers: [],
  excuseRequests: new Map(),
});

const ms = (iso: string | undefined) => (iso === undefined ? undefined : parseInstant(iso));

/** Folds one event into the state, in place; `recordedAt` is when the store accepted it. */
export function evolveSection(state: SectionState, event: SectionEvent, recordedAt: number): SectionState {
  const requestId = excuseRequestIdOf(event);
  const request = requestId === undefined ? undefined : evolveExcuseRequest(state.excuseRequests.get(requestId), event, recordedAt);
  if (request) state.excuseRequests.set(request.requestId, request);
  switch (event.type) {
    case 'SectionDefined': {
      const d = event.data;
      state.definition = d;
      state.section = { sectionId: d.sectionId, level: d.level, inPersonSharePercent: d.inPersonSharePercent, timezone: d.timezone, termEndsAt: ms(d.termEndsAt) };
      state.policy = resolvePolicy(d.policy);
      break;
    }
    case 'StudentEnrolled':
      state.enrollments.set(event.data.studentId, { studentId: event.data.studentId, enrolledAt: parseInstant(event.data.enrolledAt)! });
      break;
    case 'StudentDropped': {
      const enrollment = state.enrollments.get(event.data.studentId);
      if (enrollment) enrollment.droppedAt = parseInstant(event.data.droppedAt);
      break;
    }
    case 'ItemScheduled': {
      const d = event.data;
      state.items.set(d.itemId, {
        itemId: d.itemId,
        kind: d.kind,
        startsAt: ms(d.startsAt),
        endsAt: ms(d.endsAt),
        dueAt: ms(d.dueAt),
        durationMinutes: d.durationMinutes,
        unit: d.unit,
        title: d.title,
        links: d.links,
      });
      break;
    }
    case 'ItemCancelled': {
      const item = state.items.get(event.data.itemId);
      if (item) item.cancelled = true;
      break;
    }
    case 'ExcuseRecorded':
      state.excuses.push(Object.assign({}, event.data, { recordedAt }));
      break;
    case 'ExcuseRevoked':
      state.excuses = state.excuses.filter((e) => e.excuseId !== event.data.excuseId);
      break;
    case 'CorrectionRecorded':
      state.corrections.push(Object.assign({}, event.data, { sequence: state.corrections.length, recordedAt }));
      break;
    case 'WaiverGranted':
      state.waivers.push(Object.assign({}, event.data, { recordedAt }));
      break;
    case 'EligibilityFinalized':
      state.finalizedAt = recordedAt;
      break;
    case 'EligibilityReopened':
      state.finalizedAt = undefined;
      break;
  }
  return state;
}

export const isActive = (e: Enrollment | undefined): e is Enrollment => e !== undefined && e.droppedAt === undefined;
