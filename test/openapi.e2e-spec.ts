import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppHarness } from './support/app-harness';

describe('the OpenAPI document and the Swagger UI', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start()));
  afterAll(() => app.close());

  it('serves the document docs/openapi.json holds (run `npm run openapi` after changing a route or a body)', async () => {
    const served = await app.get('/api/docs-json', null);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(join(__dirname, '../docs/openapi.json'), 'utf8')));
  });

  it('describes every body by the schema that validates it', async () => {
    const { body } = await app.get('/api/docs-json', null);
    const section = body.paths['/api/v1/sections/{sectionId}'].put.requestBody.content['application/json'].schema;
    expect(section).toMatchObject({ type: 'object', additionalProperties: false, required: ['termId', 'courseCode', 'level'] });
    expect(section.properties.level.anyOf.map((l: any) => l.const)).toEqual(['supporting', 'evening-virtual', 'blended', 'online', 'distance-program']);
    const facts = body.paths['/api/v1/events'].post.requestBody.content['application/json'].schema;
    expect(facts.properties.events.items.required).toEqual(['id', 'type', 'occurredAt', 'sectionId', 'studentId']);
  });

  it('gives a browser the Swagger UI from its own files, and a client that asks for JSON the document', async () => {
    const page = await app.request('GET', '/api/docs', { token: null, headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/docs/ui/swagger-ui-bundle.js');
    const bundle = await app.request('GET', '/api/docs/ui/swagger-ui-bundle.js', { token: null });
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await app.request('GET', '/api/docs/ui/initializer.js', { token: null })).text).toContain("url: '/api/docs-json'");
    expect((await app.request('GET', '/api/docs/ui/..%2Fpackage.json', { token: null })).status).toBeGreaterThanOrEqual(400);
    const json = await app.request('GET', '/api/docs', { token: null, headers: { accept: 'application/json' } });
    expect(json.body.openapi).toBe('3.0.0');
  });
});
