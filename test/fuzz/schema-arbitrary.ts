import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document gives it (TypeBox output): the keywords the service uses. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** The ids a generated request names: mostly ones the fixture knows, so requests reach real state. */
export interface IdPools {
  sectionId: string[];
  studentId: string[];
  itemId: string[];
  any: string[];
}

const T0 = Date.parse('2026-09-01T00:00:00Z');
const instant = fc
  .tuple(fc.integer({ min: 0, max: 60 * 24 * 3600 }), fc.constantFrom('Z', '+03:00', '-05:30'))
  .map(([seconds, zone]) => {
    const utc = new Date(T0 + seconds * 1000);
    if (zone === 'Z') return utc.toISOString().replace('.000Z', 'Z');
    const offset = zone === '+03:00' ? 180 : -330;
    return new Date(utc.getTime() + offset * 60_000).toISOString().replace('.000Z', zone);
  });

const idArb = (name: string, pools: IdPools) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(pools[name as keyof IdPools] ?? pools.any)) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,20}[A-Za-z0-9]$/) });

function stringArb(schema: Schema, name: string, pools: IdPools): fc.Arbitrary<string> {
  if (schema.format === 'instant') return instant;
  if (schema.format === 'id') return idArb(name, pools);
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= 254);
  if (schema.pattern === '^\\d{1,20}$') return fc.bigInt({ min: 0n, max: 1000n }).map(String);
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 30, Math.max(minLength, 30));
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }).map((s) => (s.trim().length >= minLength ? s : s.padEnd(minLength, 'x')));
}

/** Values that meet `schema`; `name` is the field they go in (ids come from the pools). */
export function valid(schema: Schema, pools: IdPools, name = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valid(s, pools, name)));
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return stringArb(schema, name, pools);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (Array.isArray(schema.items)) return fc.tuple(...schema.items.map((s) => valid(s, pools, name)));
      const minLength = schema.minItems ?? 0;
      return fc.array(valid(schema.items ?? {}, pools, singular(name)), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object': {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {});
      if (fields.length === 0 && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), valid(schema.additionalProperties, pools), { maxKeys: 3 });
      }
      return fc.record(Object.fromEntries(fields.map(([key, s]) => [key, valid(s, pools, key)])), { requiredKeys: [...required] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const singular = (name: string) => (name.endsWith('Ids') ? name.slice(0, -1) : name);

/** A value of the wrong kind for `schema`: what a careless client sends. */
export function wrongFor(schema: Schema): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [fc.constant(null), fc.constant({ nested: true }), fc.constant([1, 2])];
  if (schema.type !== 'string' && !schema.anyOf) options.push(fc.string({ maxLength: 5 }));
  if (schema.type === 'string' || schema.anyOf) options.push(fc.integer());
  if (schema.format === 'instant') options.push(fc.constantFrom('2026-02-30T08:00:00+03:00', 'yesterday', '2026-09-06 08:00'));
  if (schema.format === 'id') options.push(fc.constantFrom('a/b', 'a\u0000b', 'x\u202Ey', ' lead', 'x'.repeat(201)));
  if (schema.maxLength !== undefined && schema.format === undefined) options.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  if (schema.anyOf) options.push(fc.constant('not-one-of-them'));
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.maximum !== undefined) options.push(fc.constant(schema.maximum + 1));
    if (schema.minimum !== undefined) options.push(fc.constant(schema.minimum - 1));
  }
  return fc.oneof(...options);
}
