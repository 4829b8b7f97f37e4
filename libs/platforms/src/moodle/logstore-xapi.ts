import type { Translation } from '../platform-fact';
import { MeaningRule, objectIdOf, translateStatements, verbIdOf } from '../xapi';

/** The verbs xAPI-vle/moodle-logstore_xapi emits for the events that carry attendance (README §3.2). */
export const MOODLE_LOGSTORE_VERBS = {
  login: 'https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login',
  viewed: 'http://id.tincanapi.com/verb/viewed',
  submitted: 'http://activitystrea.ms/schema/1.0/submit',
} as const;

const COURSE_TYPES = ['https://w3id.org/xapi/cmi5/activitytype/course', 'http://adlnet.gov/expapi/activities/course'];

/**
 * Reads the plugin's own verbs the way the raw events read: a module view is a view, a course
 * view a course access, "submit" a submission. Its login is to the site, not a course.
 */
export const moodleLogstoreMeaning: MeaningRule = (statement) => {
  const verb = verbIdOf(statement);
  const objectId = objectIdOf(statement);
  if (verb === MOODLE_LOGSTORE_VERBS.login) return { ignore: 'a login to the site, not to a course' };
  if (!objectId || (verb !== MOODLE_LOGSTORE_VERBS.viewed && verb !== MOODLE_LOGSTORE_VERBS.submitted)) return undefined;
  if (verb === MOODLE_LOGSTORE_VERBS.viewed) {
    return COURSE_TYPES.includes(activityType(statement) ?? '') ? { type: 'course.accessed', course: objectId } : { type: 'recorded-lecture.viewed', activity: objectId };
  }
  // The submission is ".../mod/assign/view.php?id=849#submission": a part of the assignment,
  // whose IRI (without the fragment) is what an item links to.
  return { type: 'e-activity.submitted', activity: objectId.replace(/#.*$/, '') };
};

/**
 * A logstore_xapi batch (a JSON array POSTed to the LRS route). Its statements carry no id, so
 * each fact id is the statement's content fingerprint and a resent batch dedupes.
 */
export function translateMoodleXapiBatch(statements: unknown[], receivedAtMs: number): Translation {
  return translateStatements(statements, { receivedAtMs, extraRules: [moodleLogstoreMeaning] });
}

function activityType(statement: Record<string, unknown>): string | undefined {
  const object = statement.object as { definition?: { type?: unknown } };
  return typeof object.definition?.type === 'string' ? object.definition.type : undefined;
}
