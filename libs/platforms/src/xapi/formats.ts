/** String formats the xAPI 1.0.3 data model requires (Data §2.2, §4). */

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An absolute IRI: a scheme, a colon, and no whitespace or characters IRIs never hold. */
export const isIri = (value: unknown): value is string =>
  typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(value);

/** An IRL must be resolvable, so it needs a scheme the web can fetch. */
export const isIrl = (value: unknown): value is string => isIri(value) && /^https?:\/\//i.test(value);

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export const isMailto = (value: unknown): value is string => typeof value === 'string' && /^mailto:[^@\s]+@[^@\s]+$/.test(value);

export const isSha1Hex = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value);

/**
 * ISO 8601 date-time with an optional offset. The conformance suite refuses the "unknown local
 * offset" forms -00, -0000 and -00:00, which RFC 3339 reserves for "offset unknown".
 */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(value);
  if (!match) return false;
  if (/^-00(:?00)?$/.test(match[2] ?? '')) return false;
  return !Number.isNaN(Date.parse(normaliseOffset(value)));
}

/** Date.parse understands only +hh:mm offsets. */
const normaliseOffset = (value: string): string =>
  value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00');

/** Milliseconds since the epoch of an xAPI timestamp (a timestamp without offset is read as UTC). */
export function timestampMs(value: string): number {
  const withOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(value) ? value : `${value}Z`;
  return Date.parse(normaliseOffset(withOffset));
}

/** ISO 8601 duration; weeks stand alone (P4W), never mixed with other units (P4W1D). */
export function isDuration(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (/^P\d+(\.\d+)?W$/.test(value)) return true;
  const match = /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return false;
  return true;
}

/** RFC 5646 language tag: language, optional script, region, variants, extensions, private use. */
const LANGUAGE_TAG =
  /^(([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?|x(-[a-z0-9]{1,8})+|i-[a-z]{2,8})$/i;

export const isLanguageTag = (value: unknown): value is string => typeof value === 'string' && LANGUAGE_TAG.test(value);

/** The X-Experience-API-Version header and the statement's `version`: "1.0" or "1.0.x". */
export const isSupportedVersion = (value: unknown): value is string => typeof value === 'string' && /^1\.0(\.\d+)?$/.test(value);
