import { isLanguageTag, isPlainObject, isUuid } from './formats';
import { allowOnly, at, Report } from './problems';
import { validateActivity, validateExtensions } from './validate-activity';
import { validateActor } from './validate-agent';

const CONTEXT_KEYS = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'];

/** `objectIsActivity`: revision and platform describe an Activity, so they are refused with any other object. */
export function validateContext(value: unknown, path: string, report: Report, objectIsActivity: boolean): void {
  if (!isPlainObject(value)) return report(path, 'must be an object');
  allowOnly(value, CONTEXT_KEYS, path, report);
  if (value.registration !== undefined && !isUuid(value.registration)) report(at(path, 'registration'), 'must be a UUID');
  if (value.instructor !== undefined) validateActor(value.instructor, at(path, 'instructor'), report);
  if (value.team !== undefined) validateActor(value.team, at(path, 'team'), report, { groupOnly: true, objectTypeRequired: true });
  if (value.contextActivities !== undefined) validateContextActivities(value.contextActivities, at(path, 'contextActivities'), report);
  for (const text of ['revision', 'platform']) {
    if (value[text] === undefined) continue;
    if (typeof value[text] !== 'string') report(at(path, text), 'must be a string');
    if (!objectIsActivity) report(at(path, text), 'is allowed only when the object is an Activity');
  }
  if (value.language !== undefined && !isLanguageTag(value.language)) report(at(path, 'language'), 'must be an RFC 5646 language tag');
  if (value.statement !== undefined) validateStatementRef(value.statement, at(path, 'statement'), report);
  if (value.extensions !== undefined) validateExtensions(value.extensions, at(path, 'extensions'), report);
}

function validateContextActivities(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be an object');
  allowOnly(value, CONTEXT_ACTIVITY_KEYS, path, report);
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    const activities = value[key];
    if (activities === undefined) continue;
    if (Array.isArray(activities)) activities.forEach((activity, i) => validateActivity(activity, at(at(path, key), i), report));
    else validateActivity(activities, at(path, key), report);
  }
}

export function validateStatementRef(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be a StatementRef object');
  allowOnly(value, ['objectType', 'id'], path, report);
  if (value.objectType !== 'StatementRef') report(at(path, 'objectType'), 'must be "StatementRef"');
  if (!isUuid(value.id)) report(at(path, 'id'), 'must be a UUID');
}
