/**
 * The one way events and facts are checked: JSON Schema written with TypeBox, compiled once,
 * with errors that name the field by its path. The same schemas describe the API in OpenAPI.
 */
import { FormatRegistry, Static, TProperties, TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DefaultErrorFunction, SetErrorFunction, ValueErrorType } from '@sinclair/typebox/errors';
import { ID_RULE, isValidId, MAX_ID_LENGTH } from './ids';
import { INSTANT_FORMAT, parseInstant } from './time';

FormatRegistry.Set('instant', (value) => parseInstant(value) !== undefined);
FormatRegistry.Set('id', isValidId);
FormatRegistry.Set('email', (value) => value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value));
// A schema may say in its own words what a value must be; the others are worded like it.
SetErrorFunction((error) => {
  if (error.errorType === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (error.errorType === ValueErrorType.ObjectAdditionalProperties) return 'is not a known field';
  const own = (error.schema as { errorMessage?: string }).errorMessage;
  if (own) return own;
  return DefaultErrorFunction(error)
    .replace(/^Expected (string|number|boolean|integer|null)\b/, 'must be a $1')
    .replace(/^Expected (object|array)\b/, 'must be an $1')
    .replace(/^Expected /, 'must be ');
});

export const Instant = () => Type.String({ format: 'instant', errorMessage: `must be ${INSTANT_FORMAT}` });
export const Id = () => Type.String({ format: 'id', minLength: 1, maxLength: MAX_ID_LENGTH, errorMessage: `must be ${ID_RULE}` });
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength, errorMessage: `must be a text of ${minLength} to ${maxLength} characters` });
export const Email = () => Type.String({ format: 'email', maxLength: 254, errorMessage: 'must be an e-mail address' });
/** A body: exactly these fields, nothing else. */
export const StrictObject = <P extends TProperties>(properties: P, description?: string) => Type.Object(properties, { additionalProperties: false, description });
export const OneOf = <T extends string | number>(values: readonly T[]) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { errorMessage: `must be one of ${values.join(', ')}` },
  );

/** "/events/3/occurredAt" → "events[3].occurredAt" */
export function fieldName(path: string, prefix = ''): string {
  return path
    .split('/')
    .slice(1)
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), prefix);
}

export interface Checker<T> {
  check(value: unknown): value is T;
  /** One message per offending field, each naming it (under `prefix`). Empty when valid. */
  problems(value: unknown, prefix?: string): string[];
  readonly schema: TSchema;
}

export function checker<S extends TSchema>(schema: S): Checker<Static<S>> {
  const compiled = TypeCompiler.Compile(schema);
  return {
    schema,
    check: (value): value is Static<S> => compiled.Check(value),
    problems(value, prefix = '') {
      if (compiled.Check(value)) return [];
      const byField = new Map<string, string>();
      for (const error of compiled.Errors(value)) {
        const field = fieldName(error.path, prefix);
        if (!byField.has(field)) byField.set(field, field ? `${field} ${error.message}` : error.message);
      }
      return [...byField.values()];
    },
  };
}
