import { AppHarness } from './support/app-harness';

describe('the web app files', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start()));
  afterAll(() => app.close());

  it('serves the app at / without a token, and nothing outside its folder', async () => {
    const page = await app.get('/', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await app.get('/app/../../package.json', null)).status).toBe(404);
    expect((await app.get('/app/%2e%2e/%2e%2e/package.json', null)).status).toBe(404);
    expect((await app.get('/app/missing.js', null)).status).toBe(404);
  });
});
