import type { PlatformFact, PlatformName } from '@attendance/platforms/platform-fact';
import { FACT_TYPES } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';
import { checker, Instant, OneOf } from '../schema';

export const PLATFORMS = ['bigbluebutton', 'zoom', 'moodle', 'canvas', 'caliper', 'xapi', 'teams', 'blackboard'] as const satisfies readonly PlatformName[];
/** Platforms whose attendance is pulled after a class, as a report, rather than pushed as it happens. */
export const REPORT_PLATFORMS = ['teams', 'blackboard'] as const satisfies readonly PlatformName[];

const Account = Type.Object({ homePage: Type.String(), name: Type.String() });

const StoredPlatformFact = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: OneOf(FACT_TYPES),
  occurredAt: Instant(),
  platform: OneOf(PLATFORMS),
  activity: Type.Optional(Type.String()),
  course: Type.Optional(Type.String()),
  actor: Type.Object({ userId: Type.Optional(Type.String()), email: Type.Optional(Type.String()), account: Type.Optional(Account) }),
  progress: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  watchedRanges: Type.Optional(Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })]))),
  status: Type.Optional(OneOf(['present', 'late', 'absent'] as const)),
});

/** A platform's event as received, kept as it came: which section, item and student it is for is derived. */
export interface PlatformFactReceived {
  fact: PlatformFact;
}
export const PLATFORM_FACT_RECEIVED = 'PlatformFactReceived';
/** One stream per platform fact id: a redelivery meets the first and is a duplicate. */
export const platformFactStream = (id: string) => `pfact-${id}`;

const StudentIdentities = Type.Object({
  email: Type.Optional(Type.String()),
  bigbluebutton: Type.Optional(Type.String()),
  zoom: Type.Optional(Type.String()),
  moodle: Type.Optional(Type.String()),
  canvas: Type.Optional(Type.String()),
  xapi: Type.Optional(Account),
  teams: Type.Optional(Type.String()),
  blackboard: Type.Optional(Type.String()),
  caliper: Type.Optional(Type.String()),
});
export type StudentIdentities = Static<typeof StudentIdentities>;
const StudentIdentitiesSet = Type.Object({ studentId: Type.String({ minLength: 1 }), identities: StudentIdentities });
export type StudentIdentitiesSet = Static<typeof StudentIdentitiesSet>;
export const STUDENT_IDENTITIES_SET = 'StudentIdentitiesSet';
export const identitiesStream = (studentId: string) => `identities-${studentId}`;

/**
 * A pulled platform's attendance report for one meeting has been imported (Teams, Blackboard):
 * from then on the meeting's absences are decided; before, the class waits for its report.
 */
const PlatformReportImported = Type.Object({ platform: OneOf(REPORT_PLATFORMS), activity: Type.String({ minLength: 1 }) });
export type PlatformReportImported = Static<typeof PlatformReportImported>;
export const PLATFORM_REPORT_IMPORTED = 'PlatformReportImported';
/** The first import of a meeting's report is the one that counts: the same event id again is a duplicate. */
export const platformReportStream = (platform: string, activity: string) => `report-${JSON.stringify([platform, activity])}`;

export const PLATFORM_EVENT_SCHEMAS = {
  [PLATFORM_FACT_RECEIVED]: checker(Type.Object({ fact: StoredPlatformFact })),
  [STUDENT_IDENTITIES_SET]: checker(StudentIdentitiesSet),
  [PLATFORM_REPORT_IMPORTED]: checker(PlatformReportImported),
} as const;
