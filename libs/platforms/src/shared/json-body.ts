/** The body as the route has it: raw bytes, a string, or JSON already parsed. */
export function readJsonObject(body: unknown, what: string): Record<string, unknown> {
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString());
    } catch {
      throw new Error(`the ${what} body is not JSON`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`the ${what} body is not a JSON object`);
  return value as Record<string, unknown>;
}
