import { isIri, isIrl, isPlainObject, isTimestamp } from './formats';
import { allowOnly, at, Report } from './problems';
import { validateActivity, validateLanguageMap } from './validate-activity';
import { validateActor } from './validate-agent';
import { validateContext, validateStatementRef } from './validate-context';
import { validateResult } from './validate-result';

export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const OBJECT_TYPES = ['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement'];
const CORE_KEYS = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
export const STATEMENT_KEYS = ['id', ...CORE_KEYS, 'stored', 'authority', 'version'];
const SUB_STATEMENT_KEYS = ['objectType', ...CORE_KEYS];

/** The parts a Statement and a SubStatement share: actor, verb, object, result, context, timestamp, attachments. */
export function validateCore(statement: Record<string, unknown>, path: string, report: Report, nested: boolean): void {
  if (statement.actor === undefined) report(at(path, 'actor'), 'is required');
  else validateActor(statement.actor, at(path, 'actor'), report);
  if (statement.verb === undefined) report(at(path, 'verb'), 'is required');
  else validateVerb(statement.verb, at(path, 'verb'), report);
  if (statement.object === undefined) report(at(path, 'object'), 'is required');
  else validateObject(statement.object, at(path, 'object'), report, nested);
  if (statement.result !== undefined) validateResult(statement.result, at(path, 'result'), report);
  if (statement.context !== undefined) validateContext(statement.context, at(path, 'context'), report, objectIsActivity(statement.object));
  if (statement.timestamp !== undefined && !isTimestamp(statement.timestamp)) report(at(path, 'timestamp'), 'must be an ISO 8601 date-time');
  if (statement.attachments !== undefined) validateAttachments(statement.attachments, at(path, 'attachments'), report);
  if (isPlainObject(statement.verb) && statement.verb.id === VOIDED && !(isPlainObject(statement.object) && statement.object.objectType === 'StatementRef')) {
    report(at(path, 'object'), 'a voiding statement must have a StatementRef object');
  }
}

function validateVerb(verb: unknown, path: string, report: Report): void {
  if (!isPlainObject(verb)) return report(path, 'must be an object { id, display }');
  allowOnly(verb, ['id', 'display'], path, report);
  if (!isIri(verb.id)) report(at(path, 'id'), 'is required and must be an IRI');
  if (verb.display !== undefined) validateLanguageMap(verb.display, at(path, 'display'), report);
}

function validateObject(object: unknown, path: string, report: Report, nested: boolean): void {
  if (!isPlainObject(object)) return report(path, 'must be an object');
  const type = object.objectType ?? 'Activity';
  if (!OBJECT_TYPES.includes(type as string)) return report(at(path, 'objectType'), `must be one of ${OBJECT_TYPES.join(', ')}`);
  if (type === 'Activity') return validateActivity(object, path, report);
  if (type === 'Agent' || type === 'Group') return validateActor(object, path, report, { objectTypeRequired: true });
  if (type === 'StatementRef') return validateStatementRef(object, path, report);
  if (nested) return report(at(path, 'objectType'), 'a SubStatement cannot contain another SubStatement');
  allowOnly(object, SUB_STATEMENT_KEYS, path, report);
  validateCore(object, path, report, true);
}

function validateAttachments(value: unknown, path: string, report: Report): void {
  if (!Array.isArray(value)) return report(path, 'must be an array');
  value.forEach((attachment, i) => {
    const itemPath = at(path, i);
    if (!isPlainObject(attachment)) return report(itemPath, 'must be an object');
    allowOnly(attachment, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], itemPath, report);
    if (!isIri(attachment.usageType)) report(at(itemPath, 'usageType'), 'is required and must be an IRI');
    validateLanguageMap(attachment.display, at(itemPath, 'display'), report);
    if (attachment.description !== undefined) validateLanguageMap(attachment.description, at(itemPath, 'description'), report);
    if (typeof attachment.contentType !== 'string') report(at(itemPath, 'contentType'), 'is required and must be a string');
    if (!Number.isInteger(attachment.length)) report(at(itemPath, 'length'), 'is required and must be an integer');
    if (typeof attachment.sha2 !== 'string') report(at(itemPath, 'sha2'), 'is required and must be a string');
    if (attachment.fileUrl !== undefined && !isIrl(attachment.fileUrl)) report(at(itemPath, 'fileUrl'), 'must be an IRL');
  });
}

const objectIsActivity = (object: unknown): boolean => isPlainObject(object) && (object.objectType === undefined || object.objectType === 'Activity');
