import { isIri, isIrl, isLanguageTag, isPlainObject } from './formats';
import { allowOnly, at, Report } from './problems';

const DEFINITION_KEYS = [
  'name', 'description', 'type', 'moreInfo', 'extensions',
  'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps',
];
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

export function validateActivity(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be an Activity object');
  allowOnly(value, ['objectType', 'id', 'definition'], path, report);
  if (value.objectType !== undefined && value.objectType !== 'Activity') report(at(path, 'objectType'), 'must be "Activity"');
  if (!isIri(value.id)) report(at(path, 'id'), 'is required and must be an IRI');
  if (value.definition !== undefined) validateDefinition(value.definition, at(path, 'definition'), report);
}

function validateDefinition(definition: unknown, path: string, report: Report): void {
  if (!isPlainObject(definition)) return report(path, 'must be an object');
  allowOnly(definition, DEFINITION_KEYS, path, report);
  if (definition.name !== undefined) validateLanguageMap(definition.name, at(path, 'name'), report);
  if (definition.description !== undefined) validateLanguageMap(definition.description, at(path, 'description'), report);
  if (definition.type !== undefined && !isIri(definition.type)) report(at(path, 'type'), 'must be an IRI');
  if (definition.moreInfo !== undefined && !isIrl(definition.moreInfo)) report(at(path, 'moreInfo'), 'must be an IRL');
  if (definition.extensions !== undefined) validateExtensions(definition.extensions, at(path, 'extensions'), report);
  if (definition.interactionType !== undefined && !INTERACTION_TYPES.includes(definition.interactionType as string)) {
    report(at(path, 'interactionType'), `must be one of ${INTERACTION_TYPES.join(', ')}`);
  }
  if (definition.correctResponsesPattern !== undefined && !isStringArray(definition.correctResponsesPattern)) {
    report(at(path, 'correctResponsesPattern'), 'must be an array of strings');
  }
  if (definition.correctResponsesPattern !== undefined && definition.interactionType === undefined) report(at(path, 'correctResponsesPattern'), 'is allowed only with an interactionType');
  for (const list of COMPONENT_LISTS) {
    if (definition[list] === undefined) continue;
    if (definition.interactionType === undefined) report(at(path, list), 'is allowed only with an interactionType');
    validateComponents(definition[list], at(path, list), report);
  }
}

function validateComponents(value: unknown, path: string, report: Report): void {
  if (!Array.isArray(value)) return report(path, 'must be an array of interaction components');
  value.forEach((component, i) => {
    const componentPath = at(path, i);
    if (!isPlainObject(component)) return report(componentPath, 'must be an object { id, description }');
    allowOnly(component, ['id', 'description'], componentPath, report);
    if (typeof component.id !== 'string' || component.id === '') report(at(componentPath, 'id'), 'must be a non-empty string');
    if (component.description !== undefined) validateLanguageMap(component.description, at(componentPath, 'description'), report);
  });
}

/** A language map has at least one entry, each keyed by an RFC 5646 tag with a string value. */
export function validateLanguageMap(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be a language map object');
  const entries = Object.entries(value);
  if (entries.length === 0) report(path, 'must have at least one entry');
  for (const [tag, text] of entries) {
    if (!isLanguageTag(tag)) report(at(path, tag), 'is not an RFC 5646 language tag');
    if (typeof text !== 'string') report(at(path, tag), 'must be a string');
  }
}

/** Extension keys are IRIs; their values are free, null included. */
export function validateExtensions(value: unknown, path: string, report: Report): void {
  if (!isPlainObject(value)) return report(path, 'must be an object keyed by IRIs');
  for (const key of Object.keys(value)) if (!isIri(key)) report(at(path, key), 'an extension key must be an IRI');
}

const isStringArray = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'string');
