import { readFileSync } from 'node:fs';
import type { Locator, Page, Route } from 'playwright-core';
import { AppHarness } from '../support/app-harness';
import { expectAccessible } from './support/axe';
import { CHROMIUM, haveChromium, screenshot } from './support/browser';
import { browserSession } from './support/browser-session';
import { configurePolicySection, POLICY_SECTION, POLICY_TERM, STATUSES_BEFORE, statusesNow, T0, T0_IN_RIYADH } from './support/policy-section';

/**
 * The registrar's policies page in a real browser against the real service: the versions of
 * every scope, what-if for a candidate limit (progress, a bar chart in inline SVG with the same
 * figures in a table, the students who would change, CSV), and a new version recorded and listed
 * as in force; in English and in Arabic. The section is the hand-worked one of
 * test/policies/policies.e2e-spec.ts: four students at 10%, 25%, 30% and 0% absence.
 */
if (!haveChromium) process.stderr.write(`UI tests skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

jest.setTimeout(45_000);

const WAIT = { timeout: 10_000 };
const STATUSES = ['good', 'warning-1', 'warning-2', 'deprived', 'waived'];
const COUNTS_BEFORE = { good: 1, 'warning-1': 1, 'warning-2': 1, deprived: 1, waived: 0 };
const COUNTS_AFTER = { good: 1, 'warning-1': 1, 'warning-2': 0, deprived: 2, waived: 0 };
const CSV = `sectionId,studentId,from,to,component,absencePercentBefore,limitPercentBefore,absencePercentAfter,limitPercentAfter\n${POLICY_SECTION},s-quarter,warning-2,deprived,virtualClass,25,25,25,20\n`;

describeUi('the policies page in a browser', () => {
  const ui = browserSession(() => AppHarness.start(T0));
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = ui.app;
    await configurePolicySection(app);
    tokens.registrar = await app.token('registrar', 'reg-1');
    tokens.faculty = await app.token('faculty', 'dr-x');
  });

  const { newPage, signIn } = ui;

  /** Signed in as the registrar, at the policies page, opened from the navigation. */
  async function openPolicies(page: Page, linkText: string): Promise<void> {
    await signIn(page, tokens.registrar);
    await page.waitForURL(/#\/eligibility$/, WAIT);
    await page.locator('#nav a', { hasText: linkText }).click();
    await page.waitForURL(/#\/policies$/, WAIT);
    await page.locator('#what-if-form').waitFor(WAIT);
  }

  const cellTexts = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...(r as any).cells].map((c: any) => (c.textContent ?? '').trim())));

  /** The chart: one bar per status and per moment, each with its count, heights in proportion. */
  async function expectBars(page: Page): Promise<void> {
    const chart = page.locator('#what-if-svg');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.evaluate((el) => el.namespaceURI)).toBe('http://www.w3.org/2000/svg');
    const bars = await chart.locator('rect.chart-bar').evaluateAll((rects) =>
      rects.map((r) => ({ status: r.getAttribute('data-group'), when: r.getAttribute('data-series'), value: Number(r.getAttribute('data-value')), height: Number(r.getAttribute('height')) })),
    );
    expect(bars).toHaveLength(2 * 5);
    for (const status of STATUSES) {
      expect(bars.find((b) => b.status === status && b.when === 'before')!.value).toBe(COUNTS_BEFORE[status as keyof typeof COUNTS_BEFORE]);
      expect(bars.find((b) => b.status === status && b.when === 'after')!.value).toBe(COUNTS_AFTER[status as keyof typeof COUNTS_AFTER]);
    }
    const height = (status: string, when: string) => bars.find((b) => b.status === status && b.when === when)!.height;
    expect(height('deprived', 'before')).toBeGreaterThan(0);
    expect(height('deprived', 'after')).toBeCloseTo(2 * height('deprived', 'before'), 5);
    expect(height('warning-2', 'after')).toBe(0);
    expect(height('good', 'after')).toBeCloseTo(height('good', 'before'), 5);
    // As drawn, not only as written: no style of the page changes the bars' sizes.
    const drawn = await chart.locator('rect.chart-bar').evaluateAll((rects) => rects.map((r) => ({ key: `${r.getAttribute('data-group')}/${r.getAttribute('data-series')}`, height: r.getBoundingClientRect().height })));
    const drawnHeight = (key: string) => drawn.find((d) => d.key === key)!.height;
    expect(drawnHeight('deprived/before')).toBeGreaterThan(20);
    expect(drawnHeight('deprived/after')).toBeCloseTo(2 * drawnHeight('deprived/before'), 0);
    expect(drawnHeight('warning-2/after')).toBe(0);
  }

  it('runs a what-if of a 20% limit for the term: progress, then the chart, the counts and the student who would change, CSV; nothing is written', async () => {
    const page = await newPage();
    // The streamed what-if is held until the page has shown its progress; the CSV goes through.
    let hold: (route: Route) => void = () => {};
    const held = new Promise<Route>((resolve) => (hold = resolve));
    await page.route('**/api/v1/what-if', (route) => (route.request().headers().accept === 'text/event-stream' ? hold(route) : route.continue()));
    await openPolicies(page, 'Policies');
    expect(await page.locator('h1').textContent()).toBe('Attendance policies');
    await page.locator('#policy-versions-none').waitFor(WAIT);
    expect(await page.locator('#what-if-nothing-written').textContent()).toBe('Nothing is recorded by a what-if: no policy, status or notice changes.');

    await page.locator('#what-if-scope-kind').selectOption('term');
    await page.locator('#what-if-scope-term').fill(POLICY_TERM);
    await page.locator('#what-if-limit').fill('20');
    await page.locator('#what-if-run').click();

    const route = await held;
    expect(route.request().method()).toBe('POST');
    expect(route.request().postDataJSON()).toEqual({ scope: `term:${POLICY_TERM}`, policy: { thresholdPercent: 80 } });
    await page.locator('#what-if-status[data-state="running"] progress#what-if-progress').waitFor(WAIT);
    expect(await page.locator('#what-if-run').isDisabled()).toBe(true);
    await route.continue();

    await page.locator('#what-if-result[data-state="done"]').waitFor(WAIT);
    await page.locator('#what-if-status[data-state="done"]').waitFor(WAIT);
    expect(await page.locator('#what-if-progress').evaluate((p) => [(p as any).value, (p as any).max])).toEqual([1, 1]);
    expect(await page.locator('#what-if-status .progress-label').textContent()).toBe('Sections evaluated: 1 of 1; enrollments: 4');
    expect(await page.locator('#what-if-summary').textContent()).toContain(`for Term ${POLICY_TERM}: sections 1, enrollments 4; students whose status would change: 1.`);
    expect(await page.locator('#what-if-candidate').textContent()).toBe('Candidate: Absence limit 20%.');

    // The counts, before and after, in the table…
    expect(await cellTexts(page.locator('#what-if-counts'))).toEqual([
      ['Good', '1', '1', '0'],
      ['First warning', '1', '1', '0'],
      ['Second warning', '1', '0', '-1'],
      ['Deprived', '1', '2', '+1'],
      ['Waived', '0', '0', '0'],
    ]);
    // …and in the chart, with its text alternative and its labels.
    await expectBars(page);
    const chart = page.locator('#what-if-svg');
    expect(await chart.locator('title').textContent()).toBe('Students by status, now and with the candidate');
    expect(await chart.locator('desc').textContent()).toBe(
      'Good: 1 now, 1 with the candidate; First warning: 1 now, 1 with the candidate; Second warning: 1 now, 0 with the candidate; Deprived: 1 now, 2 with the candidate; Waived: 0 now, 0 with the candidate',
    );
    expect(await chart.locator('.chart-label').allTextContents()).toEqual(['Good', 'First warning', 'Second warning', 'Deprived', 'Waived']);
    expect(await chart.locator('.chart-axis-title').allTextContents()).toEqual(['Students', 'Status']);
    expect(await page.locator('#what-if-chart .chart-legend').textContent()).toBe('NowWith the candidate');

    // The one student who would change: 25% absence, limit 25% now, 20% with the candidate.
    const rows = page.locator('#what-if-changes tbody tr');
    expect(await rows.count()).toBe(1);
    const change = page.locator(`#what-if-changes tr[data-section="${POLICY_SECTION}"][data-student="s-quarter"][data-from="warning-2"][data-to="deprived"]`);
    expect(await cellTexts(page.locator('#what-if-changes'))).toEqual([
      ['s-quarter', POLICY_SECTION, 'Second warning → to Deprived', 'Virtual classes: now absence 25%, limit 25%; with the candidate absence 25%, limit 20%'],
    ]);
    expect(await change.locator('[data-component="virtualClass"]').getAttribute('data-limit-after')).toBe('20');
    expect(await page.locator('#what-if-changes caption').textContent()).toBe('Students whose status would change: 1');

    // The changes as CSV, the API's own.
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#what-if-csv').click()]);
    expect(download.suggestedFilename()).toBe(`what-if-term-${POLICY_TERM}.csv`);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(CSV);

    await screenshot(page, 'registrar-what-if');
    await expectAccessible(page, 'registrar-what-if');

    // On a phone: one column, nothing wider than the screen, the chart scaled to fit.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#what-if-svg').waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.locator('#what-if-svg').evaluate((svg) => svg.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing was written: no version, and every status as it was.
    expect((await app.get('/api/v1/policies')).body.versions).toEqual([]);
    expect(await statusesNow(app)).toEqual(STATUSES_BEFORE);
  });

  it('shows the what-if in Arabic, right to left, with Arabic labels, run from the keyboard', async () => {
    const page = await newPage({ locale: 'ar-SA' });
    await openPolicies(page, 'سياسات الحضور');
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('سياسات الحضور');
    expect(await page.locator('label[for="what-if-limit"]').textContent()).toBe('حد الغياب المقترح (٪)');
    expect(await page.locator('#what-if-nothing-written').textContent()).toBe('لا تُسجّل المحاكاة شيئًا: لا تتغير أي سياسة أو حالة أو إشعار.');

    // From the keyboard: choose the kind with the arrow keys, type, Enter submits.
    await page.locator('#what-if-scope-kind').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#what-if-scope-kind').inputValue()).toBe('term');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('what-if-scope-term');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(POLICY_TERM);
    await page.locator('#what-if-limit').focus();
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.locator('#what-if-result[data-state="done"]').waitFor(WAIT);

    const format = (n: number) => page.evaluate(`new Intl.NumberFormat('ar-SA').format(${n})`) as Promise<string>;
    const statusWords = ['منتظم', 'إنذار أول', 'إنذار ثانٍ', 'محروم', 'رُفع الحرمان'];
    const counts = await cellTexts(page.locator('#what-if-counts'));
    expect(counts.map((row) => row[0])).toEqual(statusWords);
    expect(counts.map((row) => row[1])).toEqual(await Promise.all(STATUSES.map((s) => format(COUNTS_BEFORE[s as keyof typeof COUNTS_BEFORE]))));
    expect(counts.map((row) => row[2])).toEqual(await Promise.all(STATUSES.map((s) => format(COUNTS_AFTER[s as keyof typeof COUNTS_AFTER]))));
    expect(await page.locator('#what-if-counts thead th').allTextContents()).toEqual(['الحالة', 'الآن', 'مع المقترح', 'الفرق']);
    await expectBars(page);
    const chart = page.locator('#what-if-svg');
    expect(await chart.locator('title').textContent()).toBe('الطلاب حسب الحالة، الآن ومع المقترح');
    expect(await chart.locator('.chart-label').allTextContents()).toEqual(statusWords);
    expect(await chart.locator('.chart-axis-title').allTextContents()).toEqual(['عدد الطلاب', 'الحالة']);
    // Right to left: the first status's group is at the right of the last one's, the counted axis at the right.
    const groupX = (status: string) => chart.locator(`rect.chart-bar[data-group="${status}"][data-series="before"]`).evaluate((r) => Number(r.getAttribute('x')));
    expect(await groupX('good')).toBeGreaterThan(await groupX('waived'));
    expect(await chart.locator('.chart-label').first().textContent()).toBe('منتظم');

    const change = await cellTexts(page.locator('#what-if-changes'));
    expect(change).toHaveLength(1);
    expect(change[0][0]).toBe('s-quarter');
    expect(change[0][2]).toBe('إنذار ثانٍ ← إلى محروم');
    expect(change[0][3]).toMatch(/^الفصول الافتراضية: الآن الغياب .+ والحد .+؛ مع المقترح الغياب .+ والحد .+$/);
    expect(change[0][3]).not.toMatch(/[A-Za-z]/);
    expect(await page.locator('#what-if-summary').textContent()).toContain(`على نطاق «الفصل الدراسي ${POLICY_TERM}»`);
    expect(await page.locator('#what-if-summary .hijri').textContent()).toContain('هـ');

    await screenshot(page, 'registrar-what-if-ar');
    await expectAccessible(page, 'registrar-what-if-ar');
    expect((await app.get('/api/v1/policies')).body.versions).toEqual([]);
  });

  it('adds a version: the API’s refusal shown in its words, then a 20% limit from now, listed as in force; the same in Arabic', async () => {
    // The refused PUT is logged by Chromium as a failed load; nothing else may be.
    const page = await newPage({ expectedConsoleErrors: [/status of 400/] });
    await openPolicies(page, 'Policies');
    await page.locator('#policy-versions-none').waitFor(WAIT);

    const form = page.locator('#version-form');
    await page.locator('#version-scope-kind').selectOption('term');
    await page.locator('#version-scope-term').fill(POLICY_TERM);
    await page.locator('#version-limit').fill('20');
    // The date input in the viewer's language, labelled with the time zone, said back once chosen.
    const effective = page.locator('#version-effective');
    expect(await effective.getAttribute('lang')).toBe('en');
    expect(await form.locator('label[for="version-effective"]').textContent()).toBe('Effective from (Asia/Riyadh)');
    await effective.fill(T0_IN_RIYADH);
    expect(await form.locator('.datetime-echo').textContent()).toContain('Chosen: 1 Nov 2026');
    // Retroactive warns of what it changes.
    const warning = page.locator('#version-retroactive-warning');
    expect(await warning.isHidden()).toBe(true);
    await page.locator('#version-retroactive').check();
    await warning.waitFor({ state: 'visible', ...WAIT });
    expect(await warning.textContent()).toContain('a retroactive version changes answers already given');
    await page.locator('#version-retroactive').uncheck();
    await warning.waitFor({ state: 'hidden', ...WAIT });
    await page.locator('#version-reason').fill('Council decision 12/1448: a 20% limit');

    // Three warning levels: the API refuses, naming the setting; the page shows its words.
    await page.locator('#version-warnings').fill('5, 10, 15');
    await page.locator('#version-submit').click();
    const refusal = page.locator('#version-result [role="alert"][data-status="400"]');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toBe('The version was refused: policy.warningPercents has an invalid value');
    expect((await app.get('/api/v1/policies')).body.versions).toEqual([]);

    await page.locator('#version-warnings').fill('');
    await page.locator('#version-submit').click();
    await page.locator('#version-result [role="status"]').filter({ hasText: `Version 1 recorded for Term ${POLICY_TERM}.` }).waitFor(WAIT);
    const row = page.locator(`#policy-versions tr[data-scope="term:${POLICY_TERM}"][data-version="1"]`);
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-in-force')).toBe('true');
    expect(await cellTexts(page.locator('#policy-versions'))).toEqual([
      [`Term ${POLICY_TERM} term:${POLICY_TERM}`],
      ['1', 'Absence limit 20%', expect.stringMatching(/^1 Nov 2026, 12:00 \(.+\)Recorded 1 Nov 2026, 12:00 \(.+\)$/), 'No', 'Registrar reg-1', 'Council decision 12/1448: a 20% limit', 'In force'],
    ]);
    expect(await page.locator(`#policy-versions tbody[data-scope="term:${POLICY_TERM}"] th[scope="rowgroup"]`).count()).toBe(1);

    // What the service recorded, and what it now answers: the version counts from now.
    const { body } = await app.get('/api/v1/policies');
    expect(body.versions).toEqual([
      expect.objectContaining({ scope: `term:${POLICY_TERM}`, version: 1, policy: { thresholdPercent: 80 }, effectiveFrom: '2026-11-01T12:00:00+03:00', retroactive: false, by: { role: 'registrar', subject: 'reg-1' }, reason: 'Council decision 12/1448: a 20% limit', inForce: true }),
    ]);
    expect(await statusesNow(app)).toEqual({ ...STATUSES_BEFORE, 's-quarter': 'deprived' });

    await screenshot(page, 'registrar-policies');
    await expectAccessible(page, 'registrar-policies');

    // In Arabic: right to left, the version in force in Arabic words, the date input in Arabic.
    await page.locator('#language-switch').click();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await row.waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('سياسات الحضور');
    expect(await row.locator('[data-standing="in-force"]').textContent()).toBe('ساري المفعول');
    expect(await row.locator('[data-setting="thresholdPercent"]').textContent()).toMatch(/^حد الغياب /);
    expect(await page.locator(`#policy-versions tbody[data-scope="term:${POLICY_TERM}"] th[scope="rowgroup"]`).textContent()).toBe(`الفصل الدراسي ${POLICY_TERM} term:${POLICY_TERM}`);
    expect(await page.locator('#policy-versions thead th').allTextContents()).toEqual(['الإصدار', 'الإعدادات', 'يسري من', 'بأثر رجعي', 'أقرّه', 'السبب', 'الحالة']);
    expect(await page.locator('#version-effective').getAttribute('lang')).toBe('ar');
    expect(await page.locator('label[for="version-effective"]').textContent()).toBe('يسري من (Asia/Riyadh)');
    await expectAccessible(page, 'registrar-policies-ar');
  });

  it('is not for a faculty token: the page says so and asks nothing of the policies API', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await signIn(page, tokens.faculty);
    await page.waitForURL(/#\/sections$/, WAIT);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Sections']);
    await page.goto(`${app.url}/#/policies`);
    const refusal = page.locator('#not-for-role');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toBe('This page is for Registrar or Administrator. You are signed in as Faculty dr-x.');
    expect(await page.locator('#what-if-form, #version-form, #policy-versions').count()).toBe(0);
    expect(requests.filter((p) => p.startsWith('/api/v1/policies') || p.startsWith('/api/v1/what-if'))).toEqual([]);
  });
});
