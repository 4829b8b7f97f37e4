import fc from 'fast-check';
import { fillPath, Operation } from './api-model';
import { FuzzSession, Sent } from './fuzz-session';
import { Schema, valid, wrongFor } from './schema-arbitrary';

/**
 * Requests made from the service's own OpenAPI document — valid ones, ones broken one field at a
 * time, and random bytes and headers — for every route and every role. A fixed seed and a few
 * hundred requests in `npm test`; `npm run fuzz` sends FUZZ_RUNS (100,000) with any FUZZ_SEED.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
jest.setTimeout(Math.max(60_000, RUNS * 50));

/** Paths that carry an id: known ones, random valid ones, and ones no id may be. */
const hostileIds = fc.constantFrom('a/b', 'a\u0000b', 'new\nline', 'rtl\u202Eoverride', ' x', 'x'.repeat(201), 'a\u2028b');

type Broken = { field: string; events?: number };
type Case = { sent: Sent; op: Operation; broken?: Broken };

describe('fuzzing every route from the OpenAPI document', () => {
  let session: FuzzSession;
  beforeAll(async () => (session = await FuzzSession.start()));
  afterAll(() => session.close());

  function paramsArb(op: Operation, hostile: boolean) {
    const pools = session.pools;
    return fc.record(
      Object.fromEntries(
        op.pathParams.map((name) => [
          name,
          hostile ? fc.oneof(valid({ type: 'string', format: 'id' }, pools, name) as fc.Arbitrary<string>, hostileIds) : (valid({ type: 'string', format: 'id' }, pools, name) as fc.Arbitrary<string>),
        ]),
      ),
    );
  }

  const queryArb = (op: Operation) =>
    fc.record(Object.fromEntries(op.query.map((q) => [q.name, q.name === 'after' ? fc.constant('0') : valid(q.schema, session.pools, q.name)])), { requiredKeys: [] });

  const withQuery = (path: string, query: Record<string, unknown>) => {
    const entries = Object.entries(query).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  };

  /** Mostly a caller the route allows, so requests reach the handlers; sometimes anyone. */
  const callerFor = (op: Operation) => {
    const allowed = session.callers.filter((c) => op.roles.includes('anyone') || (c.role !== undefined && op.roles.includes(c.role)));
    return allowed.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...session.callers) }) : fc.constantFrom(...session.callers);
  };

  /** A request that meets the document. */
  const validCase = (op: Operation) =>
    fc.record({ params: paramsArb(op, false), query: queryArb(op), body: op.body ? valid(op.body.schema, session.pools) : fc.constant(undefined), caller: callerFor(op) }).map(
      ({ params, query, body, caller }): Case => ({ op, sent: { method: op.method, path: withQuery(fillPath(op, params), query), params, caller, body } }),
    );

  /** A field of a body that constrains its value, to break. */
  const constrained = (schema: Schema) => Object.entries(schema.properties ?? {}).filter(([, s]) => s.type !== undefined || s.anyOf !== undefined || 'const' in s);

  /** A request broken in one place: a field of the wrong kind, a required one left out, an unknown one added, or a path id no id may be. */
  const brokenCase = (op: Operation): fc.Arbitrary<Case> => {
    const admin = session.callers.find((c) => c.role === 'admin')!;
    const fields = op.body ? constrained(op.body.schema) : [];
    const facts = op.path === '/api/v1/events';
    const options: Array<fc.Arbitrary<Case>> = [];
    if (op.pathParams.length > 0) {
      options.push(
        fc.record({ params: paramsArb(op, false), body: op.body ? valid(op.body.schema, session.pools) : fc.constant(undefined), which: fc.constantFrom(...op.pathParams), bad: hostileIds }).map(({ params, body, which, bad }) => {
          const broken = { ...params, [which]: bad };
          return { op, broken: { field: which }, sent: { method: op.method, path: fillPath(op, broken), params: broken, caller: admin, body } };
        }),
      );
    }
    if (fields.length > 0 && !facts) {
      const required = new Set(op.body!.schema.required ?? []);
      options.push(
        fc
          .record({ params: paramsArb(op, false), body: valid(op.body!.schema, session.pools), field: fc.constantFrom(...fields), how: fc.constantFrom('wrong', 'missing', 'unknown') })
          .chain(({ params, body, field: [name, schema], how }) =>
            wrongFor(schema).map((wrong): Case => {
              const changed: Record<string, unknown> = { ...(body as object) };
              let field = name;
              if (how === 'missing' && required.has(name)) delete changed[name];
              else if (how === 'unknown') changed[(field = 'unexpectedField')] = 1;
              else changed[name] = wrong;
              return { op, broken: { field }, sent: { method: op.method, path: fillPath(op, params), params, caller: admin, body: changed } };
            }),
          ),
      );
    }
    if (facts) {
      const factSchema = (op.body!.schema.properties!.events.items as Schema) ?? {};
      options.push(
        fc
          .record({ facts: fc.array(valid(factSchema, session.pools), { minLength: 1, maxLength: 3 }), field: fc.constantFrom(...constrained(factSchema)), index: fc.nat(2) })
          .chain(({ facts: list, field: [name, schema], index }) =>
            wrongFor(schema).map((wrong): Case => {
              const events = list.map((f) => ({ ...(f as object) })) as Array<Record<string, unknown>>;
              const at = index % events.length;
              events[at][name] = wrong;
              return { op, broken: { field: name, events: at }, sent: { method: op.method, path: op.path, params: {}, caller: admin, body: { events } } };
            }),
          ),
      );
    }
    return options.length ? fc.oneof(...options) : validCase(op);
  };

  /** Bytes and headers that no schema describes, to any route, platform webhooks included. */
  const randomCase = (): fc.Arbitrary<Case> => {
    const paths = [
      ...session.operations.map((op) => fillPath(op, Object.fromEntries(op.pathParams.map((p) => [p, session.pools[p as 'sectionId']?.[0] ?? 'x'])))),
      '/api/v1/webhooks/bigbluebutton',
      '/api/v1/webhooks/zoom',
      '/api/v1/webhooks/moodle',
      '/api/v1/webhooks/canvas',
      '/api/v1/webhooks/caliper',
      '/api/v1/xapi/statements',
      '/api/v1/nothing-here',
    ];
    const body = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '[1,', '{"a":1}{', 'null', '"str"', '1e999', '{"events":[{"id":"x","__proto__":{}}]}', '['.repeat(40) + ']'.repeat(40), '\u0000\u0001', ''),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/jwt', 'multipart/form-data; boundary=x', 'application/xml', 'garbage/\xff-x');
    const authorization = fc.oneof(
      fc.constantFrom(...session.callers.filter((c) => c.token).map((c) => `Bearer ${c.token}`)),
      fc.constantFrom('Bearer', 'Basic Zm9vOmJhcg==', 'bearer  x', 'Bearer ' + 'x'.repeat(5000), 'Token abc'),
    );
    return fc
      .record({ path: fc.constantFrom(...paths), method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), body, contentType, authorization, accept: fc.constantFrom('*/*', 'text/csv', 'text/html', 'application/json', 'text/event-stream') })
      .map(({ path, method, body: raw, contentType: type, authorization: auth, accept }): Case => {
        const caller = { name: 'raw', token: null };
        const hasBody = method !== 'GET' && method !== 'HEAD';
        return {
          op: { method, path, pathParams: [], query: [], roles: ['anyone'], stream: false },
          sent: { method, path, params: {}, caller, raw: hasBody ? raw : undefined, headers: { 'content-type': type, authorization: auth, accept } },
        };
      });
  };

  it(`answers ${RUNS} generated requests with no 5xx, a named field for each broken one, nothing changed by a refusal, and nothing out of scope`, async () => {
    const ops = session.operations;
    const anyCase = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ops).chain(validCase) },
      { weight: 3, arbitrary: fc.constantFrom(...ops).chain(brokenCase) },
      { weight: 2, arbitrary: randomCase() },
    );
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyCase, async ({ sent, op, broken }) => {
        const { answer, failure } = await session.check(sent, op.roles.includes('anyone') && !sent.caller.role ? undefined : op);
        const key = `${broken ? 'broken' : sent.caller.name === 'raw' ? 'random' : 'valid'} ${answer.status}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (failure) throw new Error(failure);
        if (!broken) return;
        const named = broken.events === undefined ? String(answer.body?.message ?? '') : String(answer.body?.results?.[broken.events]?.error ?? '');
        if (broken.events !== undefined) {
          expect([sent.path, answer.status, answer.body?.results?.[broken.events]?.status]).toEqual([sent.path, 200, 'rejected']);
          expect(named).toContain(`events[${broken.events}].${broken.field}`);
        } else {
          expect([sent.method, sent.path, answer.status]).toEqual([sent.method, sent.path, 400]);
          expect(named).toContain(broken.field);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // What the requests met, for whoever runs a long fuzz: kind of request and status, with counts.
    if (process.env.FUZZ_STATS) console.log([`seed ${SEED}, ${RUNS} requests`, ...[...seen].sort().map(([k, n]) => `${k}: ${n}`)].join('\n'));
  });
});
