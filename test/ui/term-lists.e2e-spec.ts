import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { expectAccessible } from './support/axe';
import { CHROMIUM, haveChromium, screenshot } from './support/browser';
import { browserSession } from './support/browser-session';
import { configureTermSections, T0, TERM } from './support/term-sections';

/**
 * The registrar's term lists (#/terms) in a real browser against the real service: the students
 * at risk across a term's sections, as the API lists them, narrowed by college, department and
 * status; the term's eligibility downloaded with the viewer's token, its snapshot shown and
 * downloaded again in each format; the whole term finalized and reopened with a reason, after a
 * confirmation; in English and in Arabic. The term is the one of test/lists/term-eligibility:
 * ENG-1 (s-a 25%, s-b 0%, s-w 10%) and MED-1 (s-c 30%, s-d 25%), and OLD-1 of another term.
 */
if (!haveChromium) process.stderr.write(`UI tests skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

jest.setTimeout(45_000);

const WAIT = { timeout: 10_000 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SNAPSHOT = `s${Date.parse(T0)}`;
const LATER = new Date(Date.parse(T0) + 3_600_000).toISOString();
type Row = { studentId: string; sectionId: string; status: string };

describeUi('the registrar’s term lists in a browser', () => {
  const ui = browserSession(() => AppHarness.start(T0));
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = ui.app;
    await configureTermSections(app);
    tokens.registrar = await app.token('registrar', 'reg-1');
    tokens.faculty = await app.token('faculty', 'dr-x');
  });

  const { newPage, signIn } = ui;

  /** Signed in as the registrar, at the term lists, opened from the navigation. */
  async function openTerms(page: Page, linkText: string): Promise<void> {
    await signIn(page, tokens.registrar);
    await page.waitForURL(/#\/eligibility$/, WAIT);
    await page.locator('#nav a', { hasText: linkText }).click();
    await page.waitForURL(/#\/terms$/, WAIT);
    await page.locator('#term-filters').waitFor(WAIT);
  }

  /** Fills the filters, presses Show and waits for the list (or the API's refusal) drawn. */
  async function show(page: Page, { college = '', department = '', statuses = ['warning-2', 'deprived'] } = {}, state = 'done'): Promise<void> {
    await page.locator('#term-term').fill(TERM);
    await page.locator('#term-college').fill(college);
    await page.locator('#term-department').fill(department);
    for (const box of await page.locator('#term-statuses input').all()) await box.setChecked(statuses.includes((await box.getAttribute('value'))!));
    await page.locator('#term-show').click();
    await page.locator(`#term-at-risk-body[data-state="${state}"]`).waitFor(WAIT);
  }

  /** The API's own at-risk list: student, section, status, in its order. */
  const apiList = async (query = '') => ((await app.get(`/api/v1/terms/${TERM}/at-risk${query}`)).body.students as Row[]).map((s) => [s.studentId, s.sectionId, s.status]);
  const shownList = (page: Page) => page.locator('#term-at-risk tbody tr').evaluateAll((rows) => rows.map((r: any) => [r.dataset.student, r.dataset.section, r.dataset.status]));
  const cellTexts = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...(r as any).cells].map((c: any) => (c.textContent ?? '').trim())));
  const finalized = async (sectionId: string, after: string) => (await app.get(`/api/v1/sections/${sectionId}/eligibility?after=${after}`)).body.finalized;

  it('lists exactly the students at risk the API lists, each with the binding component against the limit and a link to their page; the filters narrow it', async () => {
    const page = await newPage();
    await openTerms(page, 'Term lists');
    expect(await page.locator('h1').textContent()).toBe('Term lists');
    expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('Term lists');
    await show(page);

    const all = await apiList();
    expect(all).toEqual([
      ['s-c', 'MED-1', 'deprived'],
      ['s-a', 'ENG-1', 'warning-2'],
      ['s-d', 'MED-1', 'warning-2'],
    ]);
    expect(await shownList(page)).toEqual(all);
    // Each row's binding component and limit, as the API names them.
    expect(await cellTexts(page.locator('#term-at-risk'))).toEqual([
      ['s-c', 'MED-1', 'MED', 'Deprived', 'Virtual classes', '30% (limit 25%)'],
      ['s-a', 'ENG-1', 'ENG', 'Second warning', 'Virtual classes', '25% (limit 25%)'],
      ['s-d', 'MED-1', 'MED', 'Second warning', 'Virtual classes', '25% (limit 25%)'],
    ]);
    expect(await page.locator('#term-at-risk caption').textContent()).toBe(`Students of term ${TERM} listed: 3`);
    expect(await page.locator('#term-at-risk thead th').allTextContents()).toEqual(['Student', 'Section', 'Course', 'Status', 'Binding component', 'Absence against the limit']);
    expect(await page.locator('#term-at-risk tbody a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#/students/s-c', '#/students/s-a', '#/students/s-d']);
    expect(await page.locator('#term-at-risk-summary').textContent()).toMatch(/^Statuses: Second warning or Deprived\. As the service answered at 1 Nov 2026, 12:00 \(.+\)$/);

    // The dean's-office filters, each as the API answers them; the other term's student never shows.
    await show(page, { department: 'medicine-dept' });
    expect(await shownList(page)).toEqual(await apiList('?department=medicine-dept'));
    expect((await shownList(page)).map((r) => r[0])).toEqual(['s-c', 's-d']);
    await show(page, { college: 'engineering' });
    expect(await shownList(page)).toEqual(await apiList('?college=engineering'));
    expect((await shownList(page)).map((r) => r[0])).toEqual(['s-a']);
    await show(page, { statuses: ['deprived'] });
    expect(await shownList(page)).toEqual(await apiList('?status=deprived'));
    expect((await shownList(page)).map((r) => r[0])).toEqual(['s-c']);
    await show(page, { college: 'medicine', statuses: ['good', 'warning-1', 'warning-2', 'deprived', 'waived'] });
    expect(await shownList(page)).toEqual(await apiList('?college=medicine&status=good,warning-1,warning-2,deprived,waived'));
    expect((await shownList(page)).map((r) => r[0])).toEqual(['s-c', 's-d']);
    await show(page, { statuses: ['good', 'warning-1'] });
    expect(await cellTexts(page.locator('#term-at-risk'))).toEqual([
      ['s-w', 'ENG-1', 'ENG', 'First warning', 'Virtual classes', '10% (limit 25%)'],
      ['s-b', 'ENG-1', 'ENG', 'Good', 'Virtual classes', '0% (limit 25%)'],
    ]);
    // No status chosen is said, and asks nothing; a department with no section is the API's refusal.
    await page.locator('#term-statuses input[value="good"]').uncheck();
    await page.locator('#term-statuses input[value="warning-1"]').uncheck();
    await page.locator('#term-show').click();
    expect(await page.locator('#term-filters-result [role="alert"]').textContent()).toBe('Choose at least one status.');
    await show(page, { department: 'law-dept' }, 'error');
    expect(await page.locator('#term-at-risk-body [role="alert"][data-status="404"]').textContent()).toContain('has no section of that college or department');

    // A student's link opens their page; back, the list is shown again with the filters kept.
    await show(page);
    await page.locator('#term-at-risk a', { hasText: 's-a' }).click();
    await page.waitForURL(/#\/students\/s-a$/, WAIT);
    expect(await page.locator('#not-for-role').count()).toBe(0);
    await page.goBack();
    await page.locator('#term-at-risk-body[data-state="done"]').waitFor(WAIT);
    expect(await page.locator('#term-term').inputValue()).toBe(TERM);
    expect(await shownList(page)).toEqual(all);
  });

  it('downloads the term’s eligibility as CSV with the token, holding the API’s rows; its snapshot is shown and given again, the same, in each format', async () => {
    const page = await newPage();
    await openTerms(page, 'Term lists');
    await show(page);
    expect(await page.locator('#term-last-snapshot').textContent()).toBe('Nothing downloaded yet.');
    expect(await page.locator('#term-again').isHidden()).toBe(true);

    const [download, request] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.waitForRequest((r) => r.url().includes(`/api/v1/terms/${TERM}/eligibility`)),
      page.locator('#term-download').click(),
    ]);
    expect(request.headers().authorization).toBe(`Bearer ${tokens.registrar}`);
    expect(request.headers().accept).toBe('text/csv');
    expect(await page.locator('#term-snapshot-id').textContent()).toBe(SNAPSHOT);
    expect(await page.locator('#term-last-snapshot').textContent()).toBe(`Last download: snapshot ${SNAPSHOT} of term ${TERM}.`);
    expect(download.suggestedFilename()).toBe(`eligibility-${TERM}-${SNAPSHOT}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const api = await app.request('GET', `/api/v1/terms/${TERM}/eligibility`, { headers: { accept: 'text/csv' } });
    expect(api.headers.get('x-snapshot-id')).toBe(SNAPSHOT);
    expect(csv).toBe(api.text);
    const rows = csv.trim().split('\n').map((line) => line.split(','));
    expect(rows[0].slice(0, 9)).toEqual(['snapshotId', 'termId', 'sectionId', 'courseCode', 'college', 'department', 'studentId', 'eligible', 'status']);
    expect(rows.slice(1).map((r) => [r[2], r[6], r[8]])).toEqual([
      ['ENG-1', 's-a', 'warning-2'],
      ['ENG-1', 's-b', 'good'],
      ['ENG-1', 's-w', 'warning-1'],
      ['MED-1', 's-c', 'deprived'],
      ['MED-1', 's-d', 'warning-2'],
    ]);

    // An hour later a correction changes s-w's absence: the snapshot still gives the first file.
    app.setTime(LATER);
    expect((await app.post('/api/v1/sections/ENG-1/corrections', { studentId: 's-w', itemId: 'vc20', outcome: 'absent', reason: 'left at once' })).status).toBeLessThan(300);
    const again = page.locator('#term-download-again');
    expect(await again.textContent()).toBe(`Download snapshot ${SNAPSHOT} again`);
    const [sameCsv, sameRequest] = await Promise.all([page.waitForEvent('download', WAIT), page.waitForRequest((r) => r.url().includes('/eligibility?')), again.click()]);
    expect(new URL(sameRequest.url()).searchParams.get('snapshot')).toBe(SNAPSHOT);
    expect(readFileSync((await sameCsv.path())!, 'utf8')).toBe(csv);

    // The same snapshot as a workbook and as JSON lines: the API's own bytes for it.
    await page.locator('#term-format input[value="xlsx"]').check();
    const [workbook] = await Promise.all([page.waitForEvent('download', WAIT), again.click()]);
    expect(workbook.suggestedFilename()).toBe(`eligibility-${TERM}-${SNAPSHOT}.xlsx`);
    const apiBytes = Buffer.from(await (await fetch(`${app.url}/api/v1/terms/${TERM}/eligibility?snapshot=${SNAPSHOT}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: XLSX } })).arrayBuffer());
    expect(readFileSync((await workbook.path())!).equals(apiBytes)).toBe(true);
    await page.locator('#term-format input[value="ndjson"]').check();
    const [lines] = await Promise.all([page.waitForEvent('download', WAIT), again.click()]);
    expect(lines.suggestedFilename()).toBe(`eligibility-${TERM}-${SNAPSHOT}.jsonl`);
    const jsonLines = readFileSync((await lines.path())!, 'utf8');
    expect(jsonLines).toBe((await app.request('GET', `/api/v1/terms/${TERM}/eligibility?snapshot=${SNAPSHOT}`, { headers: { accept: 'application/x-ndjson' } })).text);
    expect(jsonLines.trim().split('\n').map((line) => JSON.parse(line).studentId)).toEqual(['s-a', 's-b', 's-w', 's-c', 's-d']);

    // A new download is of now: a new snapshot, with the correction.
    await page.locator('#term-format input[value="csv"]').check();
    const [fresh] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#term-download').click()]);
    const later = `s${Date.parse(LATER)}`;
    await page.locator(`#term-last-snapshot[data-snapshot="${later}"]`).waitFor(WAIT);
    const freshCsv = readFileSync((await fresh.path())!, 'utf8');
    expect(freshCsv).toBe((await app.request('GET', `/api/v1/terms/${TERM}/eligibility?snapshot=${later}`, { headers: { accept: 'text/csv' } })).text);
    expect(freshCsv.split('\n').find((line) => line.includes(',s-w,'))).toContain(',virtualClass,15,25,');
    expect(await page.locator('#term-download-again-result').textContent()).toBe('');
    expect(await again.textContent()).toBe(`Download snapshot ${later} again`);

    await screenshot(page, 'term-lists-en');
    await expectAccessible(page, 'term-lists-en');

    // A college's list: only its sections; the department narrows the students listed, not the file.
    await show(page, { college: 'medicine', department: 'medicine-dept' });
    const [college, collegeRequest] = await Promise.all([page.waitForEvent('download', WAIT), page.waitForRequest((r) => r.url().includes('/eligibility?')), page.locator('#term-download').click()]);
    expect(Object.fromEntries(new URL(collegeRequest.url()).searchParams)).toEqual({ college: 'medicine' });
    expect(college.suggestedFilename()).toBe(`eligibility-${TERM}-medicine-${later}.csv`);
    const collegeCsv = readFileSync((await college.path())!, 'utf8');
    expect(collegeCsv).toBe((await app.request('GET', `/api/v1/terms/${TERM}/eligibility?college=medicine&snapshot=${later}`, { headers: { accept: 'text/csv' } })).text);
    expect(collegeCsv.trim().split('\n').slice(1).map((line) => line.split(',')[6])).toEqual(['s-c', 's-d']);
    expect(await page.locator('#term-last-snapshot').textContent()).toBe(`Last download: snapshot ${later} of term ${TERM}, college medicine.`);
  });

  it('finalizes the whole term with a required reason, after a confirmation, and reopens it; the API shows the sections changed', async () => {
    const page = await newPage();
    await openTerms(page, 'Term lists');
    await show(page);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    expect(await page.locator('#term-decision h2').textContent()).toBe(`Finalize or reopen term ${TERM}`);

    // No reason: said, and nothing sent.
    await page.locator('#term-finalize').click();
    expect(await page.locator('#term-decision-result [role="alert"]').textContent()).toBe('Write the reason first.');
    expect(await page.evaluate('document.activeElement.id')).toBe('term-reason');
    expect(await page.locator('#term-reason').getAttribute('aria-invalid')).toBe('true');

    // A reason, then the confirmation: cancelled, nothing sent.
    await page.locator('#term-reason').fill('Council of 20/4/1448');
    await page.locator('#term-finalize').click();
    await page.locator('#term-confirm').waitFor({ state: 'visible', ...WAIT });
    expect(await page.locator('#term-confirm .message-title').textContent()).toBe(`Finalize the eligibility of every section of term ${TERM}?`);
    expect(await page.locator('#term-confirm-reason').textContent()).toBe('Council of 20/4/1448');
    expect(await page.evaluate('document.activeElement.id')).toBe('term-confirm-yes');
    expect(await page.locator('#term-reopen').isDisabled()).toBe(true);
    await page.locator('#term-confirm-cancel').click();
    expect(await page.locator('#term-decision-result [role="status"]').textContent()).toBe('Nothing was changed.');
    expect(await page.locator('#term-confirm').isHidden()).toBe(true);
    expect(posts).toEqual([]);

    // Confirmed: one request with the reason and the token; the answer said back.
    await page.locator('#term-finalize').click();
    const [request] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST'), page.locator('#term-confirm-yes').click()]);
    expect(request.url()).toBe(`${app.url}/api/v1/terms/${TERM}/finalize`);
    expect(request.postDataJSON()).toEqual({ reason: 'Council of 20/4/1448' });
    expect(request.headers().authorization).toBe(`Bearer ${tokens.registrar}`);
    const answer = await (await request.response())!.json();
    await page.locator('#term-decision-counts[data-kind="finalize"]').waitFor(WAIT);
    expect(await page.locator('#term-decision-result [role="status"]').textContent()).toBe(`Term ${TERM}: sections finalized: 2; already finalized: 0. Changed: ENG-1; MED-1`);
    expect(await finalized('ENG-1', answer.position)).toBe(true);
    expect(await finalized('MED-1', answer.position)).toBe(true);
    expect(await finalized('OLD-1', answer.position)).toBe(false);
    expect(await page.locator('#term-reason').inputValue()).toBe('');
    // The list, read again, is still the API's.
    await page.locator('#term-at-risk-body[data-state="done"]').waitFor(WAIT);
    expect(await shownList(page)).toEqual(await apiList());

    // Reopened the same way.
    await page.locator('#term-reason').fill('A correction to enter');
    await page.locator('#term-reopen').click();
    expect(await page.locator('#term-confirm .message-title').textContent()).toBe(`Reopen the eligibility of every section of term ${TERM}?`);
    const [reopen] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/reopen')), page.locator('#term-confirm-yes').click()]);
    expect(reopen.postDataJSON()).toEqual({ reason: 'A correction to enter' });
    const reopened = await (await reopen.response())!.json();
    await page.locator('#term-decision-counts[data-kind="reopen"]').waitFor(WAIT);
    expect(await page.locator('#term-decision-result [role="status"]').textContent()).toBe(`Term ${TERM}: sections reopened: 2; already open: 0. Changed: ENG-1; MED-1`);
    expect(await finalized('ENG-1', reopened.position)).toBe(false);
    expect(await finalized('MED-1', reopened.position)).toBe(false);
    expect(posts).toHaveLength(2);
  });

  it('renders in Arabic, right to left, with the same students and Arabic words', async () => {
    const page = await newPage({ locale: 'ar-SA' });
    await openTerms(page, 'قوائم الفصل الدراسي');
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('قوائم الفصل الدراسي');
    expect(await page.locator('label[for="term-term"]').textContent()).toBe('الفصل الدراسي');
    await show(page);
    expect(await shownList(page)).toEqual(await apiList());
    expect(await page.locator('#term-at-risk thead th').allTextContents()).toEqual(['الطالب', 'الشعبة', 'المقرر', 'الحالة', 'المكوّن الحاسم', 'الغياب مقابل الحد']);
    const cells = await cellTexts(page.locator('#term-at-risk'));
    expect(cells.map((r) => r[3])).toEqual(['محروم', 'إنذار ثانٍ', 'إنذار ثانٍ']);
    expect(cells.map((r) => r[4])).toEqual(['الفصول الافتراضية', 'الفصول الافتراضية', 'الفصول الافتراضية']);
    for (const row of cells) expect(row[5]).toMatch(/^[^A-Za-z]+ \(الحد [^A-Za-z]+\)$/);
    expect(await page.locator('#term-decision h2').textContent()).toBe(`اعتماد أهلية الفصل الدراسي ${TERM} أو إعادة فتحها`);
    // Right to left: the table is laid out from the right, the student's column first.
    const table = page.locator('#term-at-risk');
    expect(await table.evaluate((el) => (globalThis as any).getComputedStyle(el).direction)).toBe('rtl');
    const x = (n: number) => table.locator(`thead th:nth-child(${n})`).evaluate((el) => el.getBoundingClientRect().left);
    expect(await x(1)).toBeGreaterThan(await x(6));

    await screenshot(page, 'term-lists-ar');
    await expectAccessible(page, 'term-lists-ar');
  });

  it('is not for a faculty token: no link, the page says so and asks nothing of the term routes', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await signIn(page, tokens.faculty);
    await page.waitForURL(/#\/sections$/, WAIT);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Sections']);
    await page.goto(`${app.url}/#/terms`);
    const refusal = page.locator('#not-for-role');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toBe('This page is for Registrar or Administrator. You are signed in as Faculty dr-x.');
    expect(await page.locator('#term-filters, #term-at-risk, #term-downloads, #term-decision').count()).toBe(0);
    expect(requests.filter((p) => p.startsWith('/api/v1/terms'))).toEqual([]);
  });
});
