import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { configureContactHoursTerm, NOW, TERM } from '../support/contact-hours-term';
import { expectAccessible } from './support/axe';
import { CHROMIUM, haveChromium, screenshot } from './support/browser';
import { browserSession } from './support/browser-session';

/**
 * The registrar's and quality office's contact hours (#/contact-hours) in a real browser against
 * the real service, on the hand-worked term of test/support/contact-hours-term.ts: a row a section
 * with the term's totals, a bar chart of planned against held hours (inline SVG), CSV and XLSX
 * holding the API's rows; in English and in Arabic, right to left; axe-clean.
 */
if (!haveChromium) process.stderr.write(`UI tests skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

jest.setTimeout(45_000);

const WAIT = { timeout: 10_000 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The figures of the table, as data: [section, planned, held, notHeld, pending, cancelled] hours, then units held of total. */
const FIGURES = [
  ['CH-1', '6.25', '3.75', '1.5', '1', '1', '1', '2'],
  ['CH-2', '2', '1', '1', '0', '0', '1', '2'],
  ['total', '8.25', '4.75', '2.5', '1', '1', '2', '4'],
];

describeUi('contact hours in a browser', () => {
  const ui = browserSession(() => AppHarness.start(NOW));
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = ui.app;
    await configureContactHoursTerm(app);
    tokens.registrar = await app.token('registrar', 'reg-1');
    tokens.faculty = await app.token('faculty', 'dr-h');
  });

  const { newPage, signIn } = ui;

  /** Signed in as the registrar, at the contact hours, opened from the navigation; the term shown. */
  async function openContactHours(page: Page, linkText: string, { college = '' } = {}): Promise<void> {
    await signIn(page, tokens.registrar);
    await page.waitForURL(/#\/eligibility$/, WAIT);
    await page.locator('#nav a', { hasText: linkText }).click();
    await page.waitForURL(/#\/contact-hours$/, WAIT);
    await page.locator('#contact-hours-term').fill(TERM);
    await page.locator('#contact-hours-college').fill(college);
    await page.locator('#contact-hours-show').click();
    await page.locator('#contact-hours-result[data-state="done"]').waitFor(WAIT);
  }

  /** Each row's figures as the table's data says them. */
  const tableFigures = (table: Locator) =>
    table.locator('tbody tr, tfoot tr').evaluateAll((rows) =>
      rows.map((r) => {
        const figure = (name: string, attr: string) => r.querySelector(`[data-figure="${name}"]`)!.getAttribute(attr)!;
        return [r.getAttribute('data-section'), ...['planned', 'held', 'notHeld', 'pending', 'cancelled'].map((n) => figure(n, 'data-hours')), figure('units', 'data-held'), figure('units', 'data-total')];
      }),
    );

  /** The chart: a planned and a held bar per section, each with its hours, heights in proportion. */
  async function expectBars(page: Page): Promise<Locator> {
    const chart = page.locator('#contact-hours-svg');
    expect(await chart.getAttribute('role')).toBe('img');
    const bars = await chart.locator('rect.chart-bar').evaluateAll((rects) => rects.map((r) => ({ key: `${r.getAttribute('data-group')}/${r.getAttribute('data-series')}`, value: Number(r.getAttribute('data-value')), height: r.getBoundingClientRect().height })));
    expect(bars.map((b) => [b.key, b.value])).toEqual([
      ['CH-1/planned', 6.25],
      ['CH-1/held', 3.75],
      ['CH-2/planned', 2],
      ['CH-2/held', 1],
    ]);
    const height = (key: string) => bars.find((b) => b.key === key)!.height;
    expect(height('CH-2/held')).toBeGreaterThan(10);
    expect(height('CH-1/planned')).toBeCloseTo(6.25 * height('CH-2/held'), 0);
    expect(height('CH-1/held')).toBeCloseTo(3.75 * height('CH-2/held'), 0);
    return chart;
  }

  it('shows a row a section with the totals, the chart of planned against held hours, and the rows as CSV and XLSX', async () => {
    const page = await newPage();
    await openContactHours(page, 'Contact hours');
    expect(await page.locator('h1').textContent()).toBe('Contact hours');
    expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('Contact hours');
    expect(await page.locator('#contact-hours-summary').textContent()).toMatch(/^Term 1448-1: sections 2\. As the service answered at 1 Oct 2026, 15:00 \(.+\)$/);

    const table = page.locator('#contact-hours-table');
    expect(await tableFigures(table)).toEqual(FIGURES);
    expect(await table.locator('caption').textContent()).toBe('Contact hours of term 1448-1, by section: 2');
    const ch1 = table.locator('tr[data-section="CH-1"]');
    expect(await ch1.locator('th').textContent()).toBe('CH-1CH101');
    expect(await ch1.locator('td').first().textContent()).toBe('dr-h, dr-k');
    expect(await ch1.locator('[data-figure="planned"]').textContent()).toBe('6.25 hrs5 classes');
    expect(await ch1.locator('[data-figure="held"]').textContent()).toBe('3.75 hrs3 classes');
    expect(await ch1.locator('[data-figure="short"]').textContent()).toBe('1');
    expect(await ch1.locator('[data-figure="recordedLectures"]').textContent()).toBe('10.5 hrs');
    expect(await ch1.locator('[data-figure="units"]').textContent()).toBe('1 of 250%');
    expect(await ch1.locator('[data-figure="meanContact"]').textContent()).toBe('1.75 hrs');
    expect(await table.locator('tfoot th').textContent()).toBe('Total of the sections shown: 2');

    const chart = await expectBars(page);
    expect(await chart.locator('title').textContent()).toBe('Synchronous hours planned and held, by section, term 1448-1');
    expect(await chart.locator('desc').textContent()).toBe('CH-1: 6.25 hrs planned, 3.75 hrs held; CH-2: 2 hrs planned, 1 hr held');
    expect(await chart.locator('.chart-label').allTextContents()).toEqual(['CH-1', 'CH-2']);
    expect(await page.locator('#contact-hours-chart .chart-legend').textContent()).toBe('PlannedHeld');

    // The downloads are the API's own rows, asked with the viewer's token.
    const apiCsv = (await app.request('GET', `/api/v1/terms/${TERM}/contact-hours`, { headers: { accept: 'text/csv' } })).text;
    const [csv] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#contact-hours-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`contact-hours-${TERM}.csv`);
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(apiCsv);
    const [xlsx] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#contact-hours-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`contact-hours-${TERM}.xlsx`);
    const bytes = readFileSync((await xlsx.path())!);
    const apiBytes = Buffer.from(await (await fetch(`${app.url}/api/v1/terms/${TERM}/contact-hours`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: XLSX } })).arrayBuffer());
    expect(bytes.equals(apiBytes)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const lines: string[] = [];
    workbook.worksheets[0].eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))).join(',')));
    expect(lines).toEqual(apiCsv.trim().split('\n'));

    // The definitions, one click away.
    await page.locator('#contact-hours-definitions summary').click();
    expect(await page.locator('#contact-hours-definitions dt').allTextContents()).toEqual(['Held', 'Not held', 'Not yet', 'Short (R8)', 'Recorded lectures and e-activities', 'Units taught synchronously (R13)', 'Contact per student']);

    await screenshot(page, 'contact-hours-en');
    await expectAccessible(page, 'contact-hours-en');

    // On a phone: nothing wider than the screen, the chart scaled to fit.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.locator('#contact-hours-svg').evaluate((svg) => svg.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
  });

  it('narrows to a college, and says the API’s refusal of an unknown term in its words', async () => {
    const page = await newPage({ expectedConsoleErrors: [/status of 404/] });
    await openContactHours(page, 'Contact hours', { college: 'science' });
    expect((await tableFigures(page.locator('#contact-hours-table'))).map((row) => row[0])).toEqual(['CH-2', 'total']);
    expect(await page.locator('#contact-hours-summary').textContent()).toContain('College: science.');
    await page.locator('#contact-hours-college').fill('medicine');
    await page.locator('#contact-hours-show').click();
    await page.locator('#contact-hours-none').waitFor(WAIT);
    await page.locator('#contact-hours-term').fill('1999-9');
    await page.locator('#contact-hours-show').click();
    const refusal = page.locator('#contact-hours-result[data-state="error"] [role="alert"][data-status="404"] .error-message');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toBe('termId: term 1999-9 has no section');
    await page.locator('#contact-hours-term').fill('');
    await page.locator('#contact-hours-show').click();
    expect(await page.locator('#contact-hours-form-result [role="alert"]').textContent()).toBe('Enter a term.');
  });

  it('works in Arabic, right to left: the table, the chart mirrored, the definitions', async () => {
    const page = await newPage({ locale: 'ar-SA' });
    await openContactHours(page, 'ساعات الاتصال');
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('ساعات الاتصال الإلكتروني');
    const table = page.locator('#contact-hours-table');
    expect(await tableFigures(table)).toEqual(FIGURES);
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'الشعبة',
      'أعضاء هيئة التدريس',
      'المخطط لها',
      'المنعقدة',
      'غير المنعقدة',
      'لم يحن وقتها',
      'الملغاة',
      'القصيرة (R8)',
      'المحاضرات المسجلة',
      'الأنشطة الإلكترونية',
      'الوحدات المُدرَّسة تزامنيًا (R13)',
      'الطلاب',
      'الاتصال لكل طالب',
    ]);
    const ch1 = table.locator('tr[data-section="CH-1"]');
    expect(await ch1.locator('td').first().textContent()).toBe('dr-h وdr-k');
    const format = (n: number) => page.evaluate(`new Intl.NumberFormat('ar-SA', { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 2 }).format(${n})`) as Promise<string>;
    expect(await ch1.locator('[data-figure="planned"]').textContent()).toBe(`${await format(6.25)}${await page.evaluate(`new Intl.NumberFormat('ar-SA').format(5)`)} فصول افتراضية`);
    expect(await ch1.locator('[data-figure="held"] .hint').textContent()).toBe(`${await page.evaluate(`new Intl.NumberFormat('ar-SA').format(3)`)} فصول افتراضية`);
    expect(await table.locator('tr[data-section="CH-2"] [data-figure="held"] .hint').textContent()).toBe('فصل افتراضي واحد');
    expect(await table.locator('tr[data-section="CH-2"] [data-figure="notHeld"] .hint').textContent()).toBe('فصل افتراضي واحد');
    expect(await table.locator('tr[data-section="total"] [data-figure="notHeld"] .hint').textContent()).toBe('فصلان افتراضيان');

    const chart = await expectBars(page);
    expect(await chart.locator('title').textContent()).toBe('الساعات المتزامنة المخطط لها والمنعقدة حسب الشعبة، الفصل الدراسي 1448-1');
    expect(await chart.locator('.chart-axis-title').allTextContents()).toEqual(['الساعات', 'الشعبة']);
    // Right to left: the first section's bars are to the right of the second's.
    const x = (key: string) => chart.locator(`rect.chart-bar[data-group="${key}"][data-series="planned"]`).evaluate((r) => Number(r.getAttribute('x')));
    expect(await x('CH-1')).toBeGreaterThan(await x('CH-2'));
    expect(await page.locator('#contact-hours-summary .hijri').textContent()).toContain('هـ');
    await page.locator('#contact-hours-definitions summary').click();
    expect(await page.locator('#contact-hours-definitions dt').first().textContent()).toBe('المنعقدة');

    await screenshot(page, 'contact-hours-ar');
    await expectAccessible(page, 'contact-hours-ar');

    // Back to English with the language switch: the same term drawn again, not asked again by hand.
    await page.locator('#language-switch').click();
    await page.locator('html[lang="en"][dir="ltr"]').waitFor(WAIT);
    await page.locator('#contact-hours-result[data-state="done"]').waitFor(WAIT);
    expect(await tableFigures(page.locator('#contact-hours-table'))).toEqual(FIGURES);
  });

  it('is not for a faculty token: the page says so, offers no link to it, and asks nothing of the API', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await signIn(page, tokens.faculty);
    await page.waitForURL(/#\/sections$/, WAIT);
    expect(await page.locator('#nav a', { hasText: 'Contact hours' }).count()).toBe(0);
    await page.goto(`${app.url}/#/contact-hours`);
    await page.locator('#not-for-role').waitFor(WAIT);
    expect(await page.locator('#contact-hours-form').count()).toBe(0);
    expect(requests.filter((p) => p.startsWith('/api/') && p.includes('contact-hours'))).toEqual([]);
  });
});
