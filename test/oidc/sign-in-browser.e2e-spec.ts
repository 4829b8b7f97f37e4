import type { Browser } from 'playwright-core';
import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/service-process';
import { CHROMIUM, haveChromium, launchChromium, openPage, screenshot } from '../ui/support/browser';
import { RunningOidcProvider, startProvider } from './support/oidc-provider-process';

// The provider is a process of its own: on a cold machine it may take most of a minute to start.
jest.setTimeout(90_000);

/** The sign-in flow in a real browser (Debian's Chromium), against a real OpenID provider; screenshots of each step. */

/** What the page's functions read, in the browser (the tests are type-checked without the DOM's types). */
type InPage = { location: { origin: string; hash: string } };

const SECRET = 'a-long-client-secret-for-the-attendance-service-0123456789';
const USERS = {
  noura: { password: 'noura-pw', claims: { sub: 'u-noura', preferred_username: 's-1001', name: 'Noura', roles: ['attendance-student'] } },
  visitor: { password: 'visitor-pw', claims: { sub: 'u-visitor', preferred_username: 'visitor', name: 'A Visitor', roles: ['library'] } },
};

if (!haveChromium) process.stderr.write(`OIDC browser test skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

describeUi('signing in to the dashboards with the university account, in a browser', () => {
  let op: RunningOidcProvider;
  let app: AppHarness;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    op = await startProvider({
      clients: [{ client_id: 'attendance', client_secret: SECRET, redirect_uris: [`http://127.0.0.1:${port}/auth/callback`], post_logout_redirect_uris: [`http://127.0.0.1:${port}/`] }],
      users: USERS,
    });
    app = await AppHarness.start('2026-10-01T08:00:00Z', {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: 'attendance',
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_SCOPES: 'openid profile email roles',
    });
    await app.put('/api/v1/sections/CS101-1', { termId: 'T', courseCode: 'CS101', title: 'Programming', level: 'online', instructors: ['dr-huda'] });
    for (const studentId of ['s-1001', 's-1002']) await app.put(`/api/v1/sections/CS101-1/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await op?.stop();
  });

  it('a student signs in at the provider, sees their own record and no one else\'s, and signs out of both', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${app.url}/`);
    const button = page.locator('#signin-with-provider');
    await button.waitFor();
    await screenshot(page, 'oidc-1-sign-in');
    await button.click();
    await page.getByLabel('Login').waitFor();
    expect(new URL(page.url()).origin).toBe(op.issuer);
    await page.getByLabel('Login').fill('noura');
    await page.getByLabel('Password').fill(USERS.noura.password);
    await screenshot(page, 'oidc-2-provider-login');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // Back at the dashboards, on the student's own page (the address's hash moves without a page load).
    await page.waitForFunction(() => (globalThis as unknown as InPage).location.hash === '#/students/s-1001');
    await page.locator('.who', { hasText: 's-1001' }).waitFor();
    // The student's own section is shown (read with the session cookie).
    await page.locator('main', { hasText: 'CS101' }).waitFor();
    await screenshot(page, 'oidc-3-signed-in-student');
    // Another student's page: the API refuses it, and nothing of theirs shows.
    await page.goto(`${app.url}/#/students/s-1002`);
    await page.locator('[role=alert]').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('CS101-1 ·');
    await page.locator('#sign-out').click();
    await page.waitForFunction((origin) => (globalThis as unknown as InPage).location.origin === origin && (globalThis as unknown as InPage).location.hash === '#/signin', app.url);
    await page.locator('#signin-with-provider').waitFor();
    const session = await page.evaluate(() => fetch('/auth/session').then((r) => r.json()));
    expect(session).toEqual({ signedIn: false });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an account with no role in the service is refused with a page that says why', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${app.url}/auth/login`);
    await page.getByLabel('Login').fill('visitor');
    await page.getByLabel('Password').fill(USERS.visitor.password);
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.locator('h1', { hasText: 'You are not signed in' }).waitFor();
    expect(await page.locator('body').textContent()).toContain('A Visitor has no role in the attendance service');
    await screenshot(page, 'oidc-4-refused');
    await page.context().close();
  });
});
