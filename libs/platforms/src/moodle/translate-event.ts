import type { PlatformFact, Translation } from '../platform-fact';
import { MoodleEvent, readMoodleEvent, shortName } from './moodle-event';

/** Events whose subject is `relateduserid` (README §3.1): the submitter, the attempt owner. */
const ABOUT_RELATED_USER = ['submission_created', 'attempt_submitted'];
const SUBMISSIONS = ['assessable_submitted', 'submission_created', 'attempt_submitted', 'post_created'];

type Meaning = Pick<PlatformFact, 'type' | 'activity' | 'course'> | { ignore: string };

/** One raw Moodle event (local_webhooks body) as the facts it carries. */
export function translateMoodleEvent(json: unknown): Translation {
  const event = readMoodleEvent(json);
  const meaning = meaningOf(event);
  if ('ignore' in meaning) return ignored(event, meaning.ignore);
  const userId = ABOUT_RELATED_USER.includes(shortName(event)) ? (event.relateduserid ?? event.userid) : event.userid;
  if (!userId) return ignored(event, 'no user: a guest or system event');
  if (event.realuserid && event.realuserid !== event.userid) return ignored(event, `done by user ${event.realuserid} "logged in as" this user`);
  const fact: PlatformFact = {
    id: moodleFactId(event),
    ...meaning,
    occurredAt: new Date(event.timecreated * 1000).toISOString(),
    platform: 'moodle',
    actor: { userId },
  };
  return { facts: [fact], ignored: [] };
}

/** A logstore_standard_log row: the same 17 fields plus id, origin, ip and realuserid. */
export function translateMoodleLogRow(row: unknown): Translation {
  if (typeof row !== 'object' || row === null || (row as Record<string, unknown>).id === undefined) {
    throw new Error('a logstore_standard_log row must be an object with an id');
  }
  return translateMoodleEvent(row);
}

/**
 * Built from the event's content rather than the log row id, so the same event pushed by
 * local_webhooks and later pulled from the log gets one id and is counted once.
 */
export function moodleFactId(event: MoodleEvent): string {
  const subject = event.objectid ?? event.contextinstanceid ?? '-';
  return `moodle:${event.eventname.replace(/^\\/, '')}:${subject}:${event.userid ?? '-'}:${event.timecreated}`;
}

function meaningOf(event: MoodleEvent): Meaning {
  const name = shortName(event);
  if (name === 'course_module_viewed') return { type: 'recorded-lecture.viewed', activity: courseModule(event) };
  if (SUBMISSIONS.includes(name)) {
    // With "require students to click submit", a file upload creates a draft, not a submission.
    if (name === 'submission_created' && event.other.submissionstatus === 'draft') return { ignore: 'a draft submission' };
    return { type: 'e-activity.submitted', activity: courseModule(event) };
  }
  if (name === 'course_viewed') {
    if (!event.courseid) throw new Error('Moodle course_viewed event has no courseid');
    return { type: 'course.accessed', course: event.courseid };
  }
  if (name === 'user_loggedin') {
    return event.courseid ? { type: 'course.accessed', course: event.courseid } : { ignore: 'a login to the site, not to a course' };
  }
  return { ignore: 'not an attendance event' };
}

function courseModule(event: MoodleEvent): string {
  if (!event.contextinstanceid) throw new Error(`Moodle ${shortName(event)} event has no contextinstanceid (course module id)`);
  return event.contextinstanceid;
}

const ignored = (event: MoodleEvent, reason: string): Translation => ({
  facts: [],
  ignored: [{ event: moodleFactId(event), reason }],
});
