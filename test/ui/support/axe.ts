import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './browser';

const axeSource = readFileSync(require.resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Every view's findings, kept next to the screenshots (test-output/axe/<view>.json). */
const REPORTS = join(SCREENSHOTS, '..', 'axe');

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules and best practices) and answers its
 * violations. The pages run under the service's real Content-Security-Policy, which refuses
 * inline scripts, so `page.addScriptTag({ content })` is refused there (as it should be). The
 * same file content is evaluated through the DevTools protocol instead, which CSP does not
 * govern; the app itself keeps running under the CSP, and openPage fails the test on any CSP
 * refusal of the app's own code.
 */
export async function runAxe(page: Page, view: string, include?: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0`);
  const result = (await page.evaluate(
    `axe.run(${include ? JSON.stringify({ include: [include] }) : 'document'}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: AxeViolation[]; incomplete: AxeViolation[]; passes: unknown[] };
  const brief = (list: AxeViolation[]) => list.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  const violations = brief(result.violations);
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, `${view}.json`), JSON.stringify({ view, rulesPassed: result.passes.length, violations, needsReview: brief(result.incomplete) }, null, 2));
  return violations;
}

export const serious = (violations: AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** A readable summary for a failing assertion. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');

/** Fails with a readable list when axe finds a serious or critical violation in the view (or in `include` of it). */
export async function expectAccessible(page: Page, view: string, include?: string): Promise<void> {
  const bad = serious(await runAxe(page, view, include));
  if (bad.length) throw new Error(`axe found serious or critical violations on ${view}:\n${describeViolations(bad)}`);
}
