/**
 * One rule for every id the service is given, in a body or in a path: 1 to 200 printable
 * characters, no "/", no control, format (bidirectional overrides, zero-width), surrogate or
 * line-separator characters, no whitespace but the plain space, and none at either end; not "."
 * or "..", which no URL path can carry.
 */
export const MAX_ID_LENGTH = 200;
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}/]|[^\S ]/u;

export const ID_RULE = `an id of 1 to ${MAX_ID_LENGTH} printable characters without "/" and without spaces at either end, not "." or ".."`;

export function isValidId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= MAX_ID_LENGTH &&
    value.trim() === value &&
    value !== '.' &&
    value !== '..' &&
    !NOT_PRINTABLE.test(value)
  );
}
