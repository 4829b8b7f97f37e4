import type { FactType, MarkStatus } from '@attendance/rules';

export type PlatformName = 'bigbluebutton' | 'zoom' | 'moodle' | 'canvas' | 'caliper' | 'xapi' | 'teams' | 'blackboard';

/**
 * A fact as a platform states it, before its ids are mapped to ours. The tracker resolves
 * `activity` to a section and item through the items' `links` (or takes it as our item id),
 * and `actor` to a student through the students' identities (or takes it as our student id).
 */
export interface PlatformFact {
  /**
   * Deterministic id: the platform's own event id where it has one, otherwise derived from what
   * makes the event unique (e.g. meeting instance + participant + type + time), so a redelivery
   * of the same event gets the same id and is counted once.
   */
  id: string;
  type: FactType;
  /** ISO 8601 with offset or Z: when it happened at the source. */
  occurredAt: string;
  platform: PlatformName;
  /** The platform's id of the meeting, course module, assignment, asset or activity IRI. */
  activity?: string;
  /** The platform's id of the course (for course.accessed), when it has one. */
  course?: string;
  actor: PlatformActor;
  progress?: number;
  watchedRanges?: Array<[number, number]>;
  status?: MarkStatus;
}

export interface PlatformActor {
  /** The platform's user id (BBB external user id, Zoom participant id, Moodle user id, Canvas user id, ...). */
  userId?: string;
  email?: string;
  /** xAPI account { homePage, name } when the actor is identified by an account. */
  account?: { homePage: string; name: string };
}

/** An adapter's answer for one delivery: the facts it carries and what it could not use. */
export interface Translation {
  facts: PlatformFact[];
  /** Events of the payload that carry no attendance (recording ready, meeting created, ...). */
  ignored: Array<{ event: string; reason: string }>;
}
