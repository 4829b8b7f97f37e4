/**
 * Every JSON body is read here before anything validates it: at most MAX_JSON_DEPTH levels deep,
 * an object or an array at the top, and no field named __proto__ or constructor (prototype
 * pollution), each refused with a 400 that says where.
 */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN = new Set(['__proto__', 'constructor']);

export class BodyError extends Error {
  readonly statusCode = 400;
}

/** How deep arrays and objects nest, counted over the text without parsing it (no recursion at all). */
function deeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** The path of the first field with a forbidden name, like "events[2].__proto__". */
function forbiddenField(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN.has(key)) return at;
    const found = forbiddenField((value as Record<string, unknown>)[key], at);
    if (found) return found;
  }
  return undefined;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new BodyError('body is empty: send a JSON object');
  if (deeperThan(text, MAX_JSON_DEPTH)) throw new BodyError(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new BodyError('body must be a JSON object');
  // Only a body that mentions one of the names (or escapes characters) can hold one: most are not walked.
  if (/__proto__|constructor|\\u/.test(text)) {
    const field = forbiddenField(value, '');
    if (field) throw new BodyError(`${field} is not an allowed field name`);
  }
  return value;
}
