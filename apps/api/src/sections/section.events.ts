import type { CorrectedOutcome, ItemKind, Level, Policy } from '@attendance/rules';

/** The events of a section's stream: its configuration and the decisions taken on it. */
export interface SectionDefined {
  sectionId: string;
  termId: string;
  courseCode: string;
  title?: string;
  level: Level;
  inPersonSharePercent?: number;
  timezone: string;
  instructors: string[];
  policy: Partial<Policy>;
  termEndsAt?: string;
  /** The platforms' ids of the course this section is (Moodle course id, Canvas course id, xAPI course activity IRI, ...). */
  links?: ItemLinks;
}
export interface StudentEnrolled {
  sectionId: string;
  studentId: string;
  enrolledAt: string;
}
export interface StudentDropped {
  sectionId: string;
  studentId: string;
  droppedAt: string;
}
export interface ItemLinks {
  bigbluebutton?: string;
  zoom?: string;
  moodle?: string;
  canvas?: string;
  xapi?: string;
  caliper?: string;
  teams?: string;
  blackboard?: string;
}
export interface ItemScheduled {
  sectionId: string;
  itemId: string;
  kind: ItemKind;
  startsAt?: string;
  endsAt?: string;
  dueAt?: string;
  durationMinutes?: number;
  unit?: string;
  title?: string;
  links?: ItemLinks;
}
export interface ItemCancelled {
  sectionId: string;
  itemId: string;
}
export interface ExcuseRecorded {
  sectionId: string;
  studentId: string;
  itemIds: string[];
  reason: string;
  decidedBy: string;
  recordedBy: string;
}
export interface CorrectionRecorded {
  sectionId: string;
  studentId: string;
  itemId: string;
  outcome: CorrectedOutcome;
  reason: string;
  correctedBy: string;
}
export interface WaiverGranted {
  sectionId: string;
  studentId: string;
  decidedBy: string;
  reason: string;
}
export interface EligibilityFinalized {
  sectionId: string;
  reason?: string;
  by: string;
}
export type EligibilityReopened = EligibilityFinalized;

export interface SectionEventMap {
  SectionDefined: SectionDefined;
  StudentEnrolled: StudentEnrolled;
  StudentDropped: StudentDropped;
  ItemScheduled: ItemScheduled;
  ItemCancelled: ItemCancelled;
  ExcuseRecorded: ExcuseRecorded;
  CorrectionRecorded: CorrectionRecorded;
  WaiverGranted: WaiverGranted;
  EligibilityFinalized: EligibilityFinalized;
  EligibilityReopened: EligibilityReopened;
}
export type SectionEventType = keyof SectionEventMap;
export type SectionEvent = { [K in SectionEventType]: { type: K; data: SectionEventMap[K] } }[SectionEventType];
export const SECTION_EVENT_TYPES = new Set<string>([
  'SectionDefined',
  'StudentEnrolled',
  'StudentDropped',
  'ItemScheduled',
  'ItemCancelled',
  'ExcuseRecorded',
  'CorrectionRecorded',
  'WaiverGranted',
  'EligibilityFinalized',
  'EligibilityReopened',
]);

export const sectionStream = (sectionId: string) => `section-${sectionId}`;
