import type { PlatformFact, PlatformName } from '@attendance/platforms/platform-fact';

/** A platform's event as received, kept as it came: which section, item and student it is for is derived. */
export interface PlatformFactReceived {
  fact: PlatformFact;
}
export const PLATFORM_FACT_RECEIVED = 'PlatformFactReceived';
/** One stream per platform fact id: a redelivery meets the first and is a duplicate. */
export const platformFactStream = (id: string) => `pfact-${id}`;

export interface StudentIdentities {
  email?: string;
  bigbluebutton?: string;
  zoom?: string;
  moodle?: string;
  canvas?: string;
  xapi?: { homePage: string; name: string };
  teams?: string;
  blackboard?: string;
  caliper?: string;
}
export interface StudentIdentitiesSet {
  studentId: string;
  identities: StudentIdentities;
}
export const STUDENT_IDENTITIES_SET = 'StudentIdentitiesSet';
export const identitiesStream = (studentId: string) => `identities-${studentId}`;

export const PLATFORMS: readonly PlatformName[] = ['bigbluebutton', 'zoom', 'moodle', 'canvas', 'caliper', 'xapi', 'teams', 'blackboard'];
