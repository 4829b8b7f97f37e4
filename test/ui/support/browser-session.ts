import type { Browser, Page } from 'playwright-core';
import type { AppHarness } from '../../support/app-harness';
import { launchChromium, openPage, WatchedPage } from './browser';

/**
 * One Chromium against one real service for a spec's tests, started before them (in parallel)
 * and closed after. Each page is a fresh browser context (its own sessionStorage); a test fails on
 * a script error or a CSP refusal in any page it opened. Call it inside the spec's describe.
 */
export function browserSession(start: () => Promise<AppHarness>) {
  let app: AppHarness | undefined;
  let browser: Browser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([start(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    const problems = opened.flatMap((w) => w.problems);
    await Promise.all(opened.splice(0).map((w) => w.context.close()));
    expect(problems).toEqual([]);
  });

  return {
    /** The service, once started. */
    get app(): AppHarness {
      return app!;
    },
    async newPage(options?: Parameters<typeof openPage>[1]): Promise<Page> {
      const watched = await openPage(browser!, options);
      opened.push(watched);
      return watched.page;
    },
    /** The token alone: the service's GET /me says whose it is, and so which views open. */
    async signIn(page: Page, token: string): Promise<void> {
      await page.goto(`${app!.url}/`);
      await page.locator('#signin-token').fill(token);
      await page.locator('#signin-submit').click();
    },
  };
}
