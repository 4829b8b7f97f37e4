import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium; CI installs it with apt. Without it the UI suite skips, saying why. */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records what must never happen: script errors and Content-Security-Policy refusals. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * `expectedConsoleErrors`: console errors a test causes on purpose (a connection the test cuts is
 * logged by Chromium as a failed load); anything else still fails the test.
 */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; expectedConsoleErrors?: RegExp[] } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: options.locale ?? 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
    else if (message.type() === 'error' && !/status of (401|403|404|409|422)/.test(text) && !(options.expectedConsoleErrors ?? []).some((e) => e.test(text)))
      problems.push(`console error: ${text}`);
  });
  return { context, page, problems };
}

/** test-output/screenshots/<name>.png; the whole page unless `fullPage: false` (a modal drawer shows best in the window). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
