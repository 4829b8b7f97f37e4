import { CORRECTED_OUTCOMES, ITEM_KINDS, LEVELS } from '@attendance/rules';
import type { Policy } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';
import { checker, Checker, Id, Instant, OneOf, Text } from '../schema';

/**
 * The events of a section's stream: its configuration and the decisions taken on it. Each is a
 * schema; a stored event that does not meet it is skipped by every reader, never evaluated.
 * Fields a later version may add are let through.
 */

const Ids = Type.Array(Id(), { maxItems: 1000 });

export const ItemLinks = Type.Object({
  bigbluebutton: Type.Optional(Type.String()),
  zoom: Type.Optional(Type.String()),
  moodle: Type.Optional(Type.String()),
  canvas: Type.Optional(Type.String()),
  xapi: Type.Optional(Type.String()),
  caliper: Type.Optional(Type.String()),
  teams: Type.Optional(Type.String()),
  blackboard: Type.Optional(Type.String()),
});
export type ItemLinks = Static<typeof ItemLinks>;

const SectionDefined = Type.Object({
  sectionId: Id(),
  termId: Id(),
  courseCode: Id(),
  title: Type.Optional(Text(500)),
  level: OneOf(LEVELS),
  /** The college the section belongs to, for the college's policy (PUT /api/v1/policies/college:<id>). */
  college: Type.Optional(Id()),
  /** The department, for the dean's office's lists. */
  department: Type.Optional(Id()),
  inPersonSharePercent: Type.Optional(Type.Number()),
  timezone: Type.String(),
  instructors: Ids,
  policy: Type.Record(Type.String(), Type.Unknown()),
  /** The deadline of recorded lectures that have no dueAt (rules §4). */
  termEndsAt: Type.Optional(Instant()),
  /** The platforms' ids of the course this section is (Moodle course id, Canvas course id, xAPI course activity IRI, ...). */
  links: Type.Optional(ItemLinks),
});
export type SectionDefined = Omit<Static<typeof SectionDefined>, 'policy'> & { policy: Partial<Policy> };

const StudentEnrolled = Type.Object({ sectionId: Id(), studentId: Id(), enrolledAt: Instant() });
export type StudentEnrolled = Static<typeof StudentEnrolled>;

const StudentDropped = Type.Object({ sectionId: Id(), studentId: Id(), droppedAt: Instant() });
export type StudentDropped = Static<typeof StudentDropped>;

const ItemScheduled = Type.Object({
  sectionId: Id(),
  itemId: Id(),
  kind: OneOf(ITEM_KINDS),
  startsAt: Type.Optional(Instant()),
  endsAt: Type.Optional(Instant()),
  dueAt: Type.Optional(Instant()),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  unit: Type.Optional(Text(200, 1)),
  title: Type.Optional(Text(500)),
  links: Type.Optional(ItemLinks),
});
export type ItemScheduled = Static<typeof ItemScheduled>;

const ItemCancelled = Type.Object({ sectionId: Id(), itemId: Id() });
export type ItemCancelled = Static<typeof ItemCancelled>;

/** An accepted excuse (rules I5); `excuseId` names it for a revocation, `requestId` the request it accepts, if any. */
const ExcuseRecorded = Type.Object({
  sectionId: Id(),
  studentId: Id(),
  itemIds: Ids,
  reason: Type.String(),
  decidedBy: Type.String(),
  recordedBy: Type.String(),
  excuseId: Type.Optional(Id()),
  requestId: Type.Optional(Id()),
  /** The council's own words when it accepted a request. */
  note: Type.Optional(Type.String()),
});
export type ExcuseRecorded = Static<typeof ExcuseRecorded>;

/** An accepted excuse taken back, with why: its items count as they would without it from then on. */
const ExcuseRevoked = Type.Object({ sectionId: Id(), studentId: Id(), excuseId: Id(), reason: Type.String(), by: Type.String() });
export type ExcuseRevoked = Static<typeof ExcuseRevoked>;

/** A document kept encrypted outside the event log (the excuse documents vault), named here by its id and what it is. */
const ExcuseDocument = Type.Object({ documentId: Id(), name: Type.String(), contentType: Type.String(), bytes: Type.Integer({ minimum: 0 }), sha256: Type.String() });
export type ExcuseDocument = Static<typeof ExcuseDocument>;

/** A student's request for an excuse, submitted by them or by staff for them; decided by the department, and the college when the policy asks for two councils. */
const ExcuseRequested = Type.Object({
  sectionId: Id(),
  requestId: Id(),
  studentId: Id(),
  itemIds: Ids,
  reason: Type.String(),
  documents: Type.Array(ExcuseDocument, { maxItems: 10 }),
  requestedBy: Type.String(),
  requestedAt: Instant(),
});
export type ExcuseRequested = Static<typeof ExcuseRequested>;

/** The department council passes a request to the college council. */
const ExcuseRequestForwarded = Type.Object({ sectionId: Id(), requestId: Id(), studentId: Id(), by: Type.String(), note: Type.Optional(Type.String()), at: Instant() });
export type ExcuseRequestForwarded = Static<typeof ExcuseRequestForwarded>;

/** A council refuses a request, with why; nothing else changes. */
const ExcuseRequestRejected = Type.Object({ sectionId: Id(), requestId: Id(), studentId: Id(), council: OneOf(['department', 'college'] as const), by: Type.String(), reason: Type.String(), at: Instant() });
export type ExcuseRequestRejected = Static<typeof ExcuseRequestRejected>;

const CorrectionRecorded = Type.Object({ sectionId: Id(), studentId: Id(), itemId: Id(), outcome: OneOf(CORRECTED_OUTCOMES), reason: Type.String(), correctedBy: Type.String() });
export type CorrectionRecorded = Static<typeof CorrectionRecorded>;

const WaiverGranted = Type.Object({ sectionId: Id(), studentId: Id(), decidedBy: Type.String(), reason: Type.String() });
export type WaiverGranted = Static<typeof WaiverGranted>;

const EligibilityFinalized = Type.Object({ sectionId: Id(), reason: Type.Optional(Type.String()), by: Type.String() });
export type EligibilityFinalized = Static<typeof EligibilityFinalized>;
export type EligibilityReopened = EligibilityFinalized;

export interface SectionEventMap {
  SectionDefined: SectionDefined;
  StudentEnrolled: StudentEnrolled;
  StudentDropped: StudentDropped;
  ItemScheduled: ItemScheduled;
  ItemCancelled: ItemCancelled;
  ExcuseRecorded: ExcuseRecorded;
  ExcuseRevoked: ExcuseRevoked;
  ExcuseRequested: ExcuseRequested;
  ExcuseRequestForwarded: ExcuseRequestForwarded;
  ExcuseRequestRejected: ExcuseRequestRejected;
  CorrectionRecorded: CorrectionRecorded;
  WaiverGranted: WaiverGranted;
  EligibilityFinalized: EligibilityFinalized;
  EligibilityReopened: EligibilityReopened;
}
export type SectionEventType = keyof SectionEventMap;
export type SectionEvent = { [K in SectionEventType]: { type: K; data: SectionEventMap[K] } }[SectionEventType];

export const SECTION_EVENT_SCHEMAS: { readonly [K in SectionEventType]: Checker<unknown> } = {
  SectionDefined: checker(SectionDefined),
  StudentEnrolled: checker(StudentEnrolled),
  StudentDropped: checker(StudentDropped),
  ItemScheduled: checker(ItemScheduled),
  ItemCancelled: checker(ItemCancelled),
  ExcuseRecorded: checker(ExcuseRecorded),
  ExcuseRevoked: checker(ExcuseRevoked),
  ExcuseRequested: checker(ExcuseRequested),
  ExcuseRequestForwarded: checker(ExcuseRequestForwarded),
  ExcuseRequestRejected: checker(ExcuseRequestRejected),
  CorrectionRecorded: checker(CorrectionRecorded),
  WaiverGranted: checker(WaiverGranted),
  EligibilityFinalized: checker(EligibilityFinalized),
  EligibilityReopened: checker(EligibilityFinalized),
};
export const SECTION_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(SECTION_EVENT_SCHEMAS));
export const isSectionEventType = (type: string): type is SectionEventType => SECTION_EVENT_TYPES.has(type);

export const sectionStream = (sectionId: string) => `section-${sectionId}`;
