import { Id, Instant, OneOf, StrictObject, Text } from '@attendance/domain';
import { CORRECTED_OUTCOMES, ITEM_KINDS, LEVELS } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';

/** The bodies of the configuration commands (contract: Configuration), as schemas. */

export const LinksBody = Type.Object(
  {
    bigbluebutton: Type.Optional(Text(500, 1)),
    zoom: Type.Optional(Text(500, 1)),
    moodle: Type.Optional(Text(500, 1)),
    canvas: Type.Optional(Text(500, 1)),
    xapi: Type.Optional(Text(500, 1)),
    caliper: Type.Optional(Text(500, 1)),
    teams: Type.Optional(Text(500, 1)),
    blackboard: Type.Optional(Text(500, 1)),
  },
  { additionalProperties: false, description: "The platforms' own ids of this item (or, on a section, of its course)" },
);

export const SectionBody = StrictObject({
  termId: Id(),
  courseCode: Id(),
  title: Type.Optional(Text(500)),
  level: OneOf(LEVELS),
  /** Not in the contract: the college, whose policy versions apply to the section. */
  college: Type.Optional(Id()),
  /** Not in the contract: the department, for the at-risk lists. */
  department: Type.Optional(Id()),
  inPersonSharePercent: Type.Optional(OneOf([25, 50, 75] as const)),
  timezone: Type.Optional(Text(100, 1)),
  instructors: Type.Optional(Type.Array(Id(), { maxItems: 100 })),
  /** Overrides of the rules' defaults by the rules document's names (docs/rules.md §7). */
  policy: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'overrides of the policy settings of docs/rules.md §7' })),
  /** Not in the contract: the deadline of recorded lectures that have no dueAt (rules §4). */
  termEndsAt: Type.Optional(Instant()),
  /** Not in the contract: the platforms' ids of this course, so their course accesses count here. */
  links: Type.Optional(LinksBody),
});
export type SectionBody = Static<typeof SectionBody>;

export const EnrollmentBody = StrictObject({ enrolledAt: Type.Optional(Instant()) });

export const ItemBody = StrictObject({
  kind: OneOf(ITEM_KINDS),
  startsAt: Type.Optional(Instant()),
  endsAt: Type.Optional(Instant()),
  dueAt: Type.Optional(Instant()),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  unit: Type.Optional(Text(200, 1)),
  title: Type.Optional(Text(500)),
  links: Type.Optional(LinksBody),
});

export const ExcuseBody = StrictObject({
  studentId: Id(),
  itemIds: Type.Array(Id(), { minItems: 1, maxItems: 1000 }),
  reason: Text(2000, 1),
  decidedBy: Id(),
});

export const CorrectionBody = StrictObject({ studentId: Id(), itemId: Id(), outcome: OneOf(CORRECTED_OUTCOMES), reason: Text(2000, 1) });

export const WaiverBody = StrictObject({ studentId: Id(), decidedBy: Id(), reason: Text(2000, 1) });

export const FinalizeBody = StrictObject({ reason: Type.Optional(Text(2000)) });
