import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Page, Route } from 'playwright-core';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AppHarness } from '../support/app-harness';
import { expectAccessible } from './support/axe';
import { CHROMIUM, haveChromium, screenshot } from './support/browser';
import { browserSession } from './support/browser-session';
import {
  BEFORE_TESTS,
  configureNoticeSection,
  configureTerm,
  mark,
  missedSession,
  NOTICE_SECTION,
  NOTICE_STUDENT,
  OTHER_SECTION,
  RECORDED_AT,
  SECTION,
  TESTS_RUN_AT,
} from './support/term';

/**
 * The dashboards in a real browser against the real service: each role signs in, sees its own
 * data and nothing else, acts, and sees changes arrive live. Screenshots go to
 * test-output/screenshots/, axe-core findings to test-output/axe/.
 *
 * The tests share one term and run in order, as a week at a university would: the instructor's
 * roll call and live marks are there when the student and the registrar look.
 */
if (!haveChromium) process.stderr.write(`UI tests skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

jest.setTimeout(30_000);

const WAIT = { timeout: 10_000 };
const AN_HOUR_LATER = new Date(Date.parse(TESTS_RUN_AT) + 61 * 60_000).toISOString();

describeUi('the dashboards in a browser', () => {
  const ui = browserSession(() => AppHarness.start(RECORDED_AT));
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = ui.app;
    await configureTerm(app);
    app.setTime(TESTS_RUN_AT);
    tokens.faculty = await app.token('faculty', 'dr-huda');
    tokens.student = await app.token('student', 'dana');
    tokens.registrar = await app.token('registrar', 'reg-1');
  });

  const { newPage, signIn } = ui;

  const rowOrder = (page: Page, table: string) => page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => (r as any).dataset.student));

  /** Waits until the page has no element matching the selector (no string evaluation: the CSP forbids eval). */
  const gone = (page: Page, selector: string) => page.locator(selector).first().waitFor({ state: 'detached', ...WAIT });

  it('signs in with the token alone (GET /me says whose it is), shows the API’s 401 for a wrong token, and forgets the session on sign-out', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/`);
    await page.locator('#signin-token').waitFor(WAIT);
    await screenshot(page, 'sign-in');
    await expectAccessible(page, 'sign-in');

    await signIn(page, 'not-a-token-at-all-0000');
    const refused = page.locator('#signin-result [role="alert"][data-status="401"]');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toContain('the token is not valid');

    await signIn(page, tokens.faculty);
    await page.waitForURL(/#\/sections$/, WAIT);
    expect(await page.evaluate('JSON.parse(sessionStorage.getItem("attendance.session")).role')).toBe('faculty');
    expect(await page.locator('.who').textContent()).toBe('Signed in as Faculty dr-huda');

    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/signin$/, WAIT);
    expect(await page.evaluate('sessionStorage.getItem("attendance.session")')).toBeNull();
    await page.goto(`${app.url}/#/sections/${SECTION}`);
    await page.locator('#signin-token').waitFor(WAIT);
  });

  it('gives the instructor the roster at risk first, live updates, roll call, the drawer with evidence, corrections and excuses', async () => {
    const page = await newPage();
    await signIn(page, tokens.faculty);
    // The sections they teach are listed, and only those.
    await page.locator('#section-list li').first().waitFor(WAIT);
    expect(await page.locator('#section-list li a').allTextContents()).toEqual([SECTION]);
    await page.locator('#section-id').fill(SECTION);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('#roster-table tbody tr').first().waitFor(WAIT);
    await page.locator('#live-state[data-state="live"]').waitFor(WAIT);

    // Only this section's students, the deprived first, then the warned, then the rest.
    expect(await rowOrder(page, '#roster-table')).toEqual(['eve', 'chadi', 'badr', 'ali', 'dana']);
    expect(await page.locator('#roster-table').textContent()).not.toContain('zed');
    expect(await page.locator('tr[data-student="badr"] .chip').textContent()).toBe('Second warning');
    expect(await page.locator('tr[data-student="badr"] [data-component="virtualClass"] .allowance').getAttribute('data-allowance')).toBe('0');
    expect(await page.locator('tr[data-student="ali"] [data-component="virtualClass"] .allowance').textContent()).toBe('90 mins left');
    await page.locator('#findings [data-rule="attendance-not-taken"][data-item="ip5"]').waitFor(WAIT);
    expect(await page.locator('#findings [data-rule="R8"][data-item="vc-short"]').textContent()).toContain('Virtual class vc-short is shorter than 60 minutes, so it is not counted.');
    await screenshot(page, 'faculty-section');
    await expectAccessible(page, 'faculty-section');

    // Filters and sorting.
    await page.locator('#roster input[type="search"]').fill('ba');
    expect(await rowOrder(page, '#roster-table')).toEqual(['badr']);
    await page.locator('#roster input[type="search"]').fill('');
    await page.locator('#roster select').first().selectOption('deprived');
    expect(await rowOrder(page, '#roster-table')).toEqual(['eve', 'chadi']);
    await page.locator('#roster select').first().selectOption('all');
    await page.locator('[data-focus-key="sort:id"]').click();
    expect(await rowOrder(page, '#roster-table')).toEqual(['ali', 'badr', 'chadi', 'dana', 'eve']);
    await page.locator('[data-focus-key="sort:risk"]').click();

    // Live: ali joins the virtual class, then a later mark makes him absent from ip1 (25% → second warning).
    await app.pushFacts([{ id: 'live-ali-join', type: 'virtual-class.joined', occurredAt: '2026-09-27T08:00:00+03:00', sectionId: SECTION, studentId: 'ali', itemId: 'vc4' }]);
    await page.locator('#in-class li[data-student="ali"]').waitFor(WAIT);
    await app.pushFacts([mark('live-ali-ip1', 'ali', 'ip1', 'absent', '2026-09-06T10:30:00+03:00')]);
    await page.locator('tr.updated[data-student="ali"][data-status="warning-2"] .badge-updated').waitFor(WAIT);
    await page.locator('#live-log li[data-type="in-person.marked"][data-student="ali"]').waitFor(WAIT);
    await app.pushFacts([{ id: 'live-ali-left', type: 'virtual-class.left', occurredAt: '2026-09-27T09:30:00+03:00', sectionId: SECTION, studentId: 'ali', itemId: 'vc4' }]);
    await gone(page, '#in-class li[data-student="ali"]');

    // Roll call for the session nobody was marked in: everyone present but eve, in a few clicks.
    await page.getByRole('button', { name: 'Take the roll call for ip5' }).click();
    await page.locator('#rollcall select').waitFor(WAIT);
    expect(await page.locator('#rollcall select').inputValue()).toBe('ip5');
    await page.getByRole('button', { name: 'Everyone present' }).click();
    await page.locator('fieldset[data-student="eve"] input[value="absent"]').check();
    await screenshot(page, 'faculty-roll-call');
    await expectAccessible(page, 'faculty-roll-call', '#rollcall');
    await page.locator('#rollcall-save').click();
    await page.locator('#rollcall-result').filter({ hasText: '5 accepted, 0 duplicate, 0 rejected' }).waitFor(WAIT);
    await gone(page, '#findings [data-rule="attendance-not-taken"]');
    await page.locator('tr[data-student="eve"] [data-component="inPerson"] .absence[data-absence="20"]').waitFor(WAIT);
    const eveRecord = await app.get(`/api/v1/sections/${SECTION}/students/eve`);
    const ip5 = eveRecord.body.items.find((i: any) => i.itemId === 'ip5');
    expect(ip5.outcome).toBe('absent');
    expect(ip5.evidence[0].factIds[0]).toMatch(new RegExp(`^rollcall:${SECTION}:ip5:eve:\\d+$`));

    // The drawer: every item's outcome with its evidence; a correction with a reason.
    await page.getByRole('button', { name: 'Details of badr' }).click();
    const drawer = page.locator('#student-drawer');
    await drawer.locator('.timeline-item[data-item="vc1"][data-outcome="absent"]').waitFor(WAIT);
    expect(await drawer.locator('.timeline-item').count()).toBe(18);
    expect(await drawer.locator('.timeline-item[data-item="vc-short"]').textContent()).toContain('does not count');
    expect(await drawer.locator('.timeline-item[data-item="vc1"]').textContent()).toContain('Connected 0 minutes of a class of 90 minutes');
    expect(await drawer.locator('.timeline-item[data-item="vc2"] code').allTextContents()).toEqual(['badr-vc2-join', 'badr-vc2-leave']);
    await screenshot(page, 'faculty-drawer', { fullPage: false });
    await expectAccessible(page, 'faculty-drawer');
    await drawer.locator('.actions-panel summary').click();
    await expectAccessible(page, 'faculty-drawer-forms', '#student-drawer');
    await drawer.locator('.correction-form select').first().selectOption('vc1');
    await drawer.locator('.correction-form select').nth(1).selectOption('present');
    await drawer.locator('.correction-form textarea').fill('the platform lost the join; the VPN log shows the whole class');
    await drawer.getByRole('button', { name: 'Save correction' }).click();
    await drawer.locator('.timeline-item[data-item="vc1"][data-outcome="present"]').waitFor(WAIT);
    expect(await drawer.locator('.timeline-item[data-item="vc1"]').textContent()).toContain('Set to Present by the instructor');
    await page.locator('tr[data-student="badr"][data-status="good"]').waitFor(WAIT);

    // Escape closes the drawer and gives the keyboard back to the button that opened it.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached', ...WAIT });
    expect(await page.evaluate('document.activeElement.dataset.focusKey')).toBe('details:badr');

    // An accepted excuse for eve's missed session.
    await page.getByRole('button', { name: 'Details of eve' }).click();
    await drawer.locator('.timeline-item[data-item="ip5"][data-outcome="absent"]').waitFor(WAIT);
    await drawer.locator('.actions-panel summary').click();
    await drawer.locator('.excuse-form input[value="ip5"]').check();
    await drawer.locator('.excuse-form textarea').fill('medical certificate');
    await drawer.getByRole('button', { name: 'Save excuse' }).click();
    await drawer.locator('.timeline-item[data-item="ip5"][data-outcome="excused"]').waitFor(WAIT);
    expect(await drawer.locator('.timeline-item[data-item="ip5"]').textContent()).toContain('Excuse accepted by department council: medical certificate');
    await page.keyboard.press('Escape');
    await page.locator('tr[data-student="eve"] [data-component="inPerson"] .absence[data-absence="0"]').waitFor(WAIT);
  });

  it('refuses the instructor another instructor’s section, from the form and from the address bar, with the API’s 403', async () => {
    const page = await newPage();
    await signIn(page, tokens.faculty);
    await page.locator('#section-id').fill(OTHER_SECTION);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const refused = page.locator('[role="alert"][data-status="403"]');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toContain(`faculty dr-huda does not teach section ${OTHER_SECTION}`);
    expect(await page.locator('#roster-table').count()).toBe(0);

    await page.goto(`${app.url}/#/sections/${SECTION}`);
    await page.locator('#roster-table').waitFor(WAIT);
    // On a phone the roster becomes one card per student, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#live-state[data-state="live"]').waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'faculty-section-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    // In Arabic, right to left.
    await page.locator('#language-switch').click();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await page.locator('#live-state[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe(`الشعبة ${SECTION}`);
    expect(await page.locator('tr[data-student="eve"] .chip').textContent()).toBe('محروم');
    await screenshot(page, 'faculty-section-ar');
    await expectAccessible(page, 'faculty-section-ar');
    await page.locator('#language-switch').click();
    await page.locator('html[lang="en"]').waitFor(WAIT);
    await page.goto(`${app.url}/#/sections/${OTHER_SECTION}`);
    await refused.waitFor(WAIT);
    expect(await page.locator('#roster-table').count()).toBe(0);
    // Recent sections remember only the ones that opened.
    await page.goto(`${app.url}/#/sections`);
    expect(await page.locator('.recent a').allTextContents()).toEqual([SECTION]);
  });

  it('shows the student their sections as gauges, the allowance in words, the evidence, and a warning as it arrives', async () => {
    const page = await newPage();
    await signIn(page, tokens.student);
    await page.waitForURL(/#\/students\/dana$/, WAIT);
    const card = page.locator(`section[data-section="${SECTION}"]`);
    await card.waitFor(WAIT);
    expect(await page.locator('section[data-section]').count()).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('good');
    expect(await card.locator('.gauge').count()).toBe(4);
    expect(await card.locator('[data-component="virtualClass"] .allowance-words').textContent()).toBe('You can miss 1 more virtual class of 90 minutes.');
    expect(await card.locator('[data-component="inPerson"] .allowance-words').textContent()).toBe('You can miss 1 more classroom session of 60 minutes.');
    expect(await card.locator('[data-component="eActivity"] .allowance-words').textContent()).toBe('You can miss 1 more e-activity.');
    await card.locator('.items-details summary').click();
    expect(await card.locator('.timeline-item').count()).toBe(18);
    expect(await card.locator('.timeline-item[data-item="ea1"]').textContent()).toContain('Submitted');
    await page.locator('#notices-state[data-state="open"]').waitFor(WAIT);
    expect(await page.locator('#notices-list li').count()).toBe(0);
    await screenshot(page, 'student');
    await expectAccessible(page, 'student');

    // A later mark makes dana absent from a classroom session: 60 of 300 minutes, the second warning.
    // Her status follows at once; the notice waits until the standing has held for an hour (I6a), then comes live.
    await app.pushFacts([mark('live-dana-ip2', 'dana', 'ip2', 'absent', '2026-09-13T10:40:00+03:00')]);
    await page.locator(`section[data-section="${SECTION}"][data-status="warning-2"]`).waitFor(WAIT);
    await app.app.get(NoticeIssuer).settled();
    expect(await page.locator('#notices-list li').count()).toBe(0);
    app.setTime(AN_HOUR_LATER);
    await app.app.get(NoticeIssuer).tick();
    await page.locator('#notices-list li.updated[data-kind="warning-2"]').waitFor(WAIT);
    app.setTime(TESTS_RUN_AT);
    expect(await page.locator('#notices-list li').first().textContent()).toContain(SECTION);
    expect(await page.locator('#notices-list .notice-message').first().textContent()).toContain('Second warning');
    expect(await page.locator(`section[data-section="${SECTION}"] [data-component="inPerson"] .allowance-words`).textContent()).toBe('You can miss at most 15 minutes more of classroom sessions: less than one whole session.');

    // Another student's page, by editing the address: the API's 403.
    await page.goto(`${app.url}/#/students/ali`);
    const refused = page.locator('[role="alert"][data-status="403"]');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toContain('a student may read only their own records');
    expect(await page.locator('section[data-section]').count()).toBe(0);

    // Arabic: right to left, Arabic texts, the Hijri date beside the Gregorian one.
    await page.goto(`${app.url}/#/students/dana`);
    await card.waitFor(WAIT);
    await page.locator('#language-switch').click();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await card.waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('حضوري');
    await page.locator('#notices-list li').first().waitFor(WAIT);
    expect(await page.locator('#notices-list .hijri').first().textContent()).toContain('هـ');
    // The notice and the evidence in Arabic words: never the English sentence or a raw component id.
    const arabicNotice = await page.locator('#notices-list .notice-message').first().textContent();
    expect(arabicNotice).toContain('إنذار ثانٍ');
    expect(arabicNotice).toContain('المحاضرات الحضورية');
    expect(arabicNotice).not.toMatch(/warning|inPerson|classroom/i);
    await card.locator('.items-details summary').click();
    const arabicEvidence = await card.locator('.timeline-item[data-item="ea1"] .evidence-note').first().textContent();
    expect(arabicEvidence).toContain('سُلِّم');
    expect(arabicEvidence).not.toMatch(/[A-Za-z]{3,}/);
    await screenshot(page, 'student-ar');
    await expectAccessible(page, 'student-ar');
    await page.locator('#language-switch').click();
    await page.locator('html[lang="en"][dir="ltr"]').waitFor(WAIT);

    // On a phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await card.waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'student-phone');
  });

  it('lets the registrar filter eligibility, follow it live, waive (refused below the floor, then granted), see it as of a date, download CSV, finalize and reopen', async () => {
    const page = await newPage();
    await signIn(page, tokens.registrar);
    await page.waitForURL(/#\/eligibility$/, WAIT);
    await page.locator('#section-id').fill(SECTION);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('#eligibility-table tbody tr').first().waitFor(WAIT);
    await page.locator('#live-state[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('#finalized-state').getAttribute('data-finalized')).toBe('false');

    const eligibility = page.locator('#eligibility select').first();
    await eligibility.selectOption('no');
    expect(await rowOrder(page, '#eligibility-table')).toEqual(['eve', 'chadi']);
    expect(await page.locator('tr[data-student="chadi"]').textContent()).toContain('E-activities: absence 50%, limit 25%');
    await screenshot(page, 'registrar');
    await expectAccessible(page, 'registrar');

    // Live: a second missed session deprives ali (120 minutes of 240 or 300); his row appears without a reload.
    // (live-ali-ip1 is the instructor's live mark of the test before: sent again, it is a harmless duplicate.)
    await app.pushFacts([mark('live-ali-ip1', 'ali', 'ip1', 'absent', '2026-09-06T10:30:00+03:00'), mark('live-ali-ip2', 'ali', 'ip2', 'absent', '2026-09-13T10:30:00+03:00')]);
    await page.locator('tr.updated[data-student="ali"][data-eligible="false"][data-status="deprived"]').waitFor(WAIT);
    await eligibility.selectOption('all');

    // Waivers: eve is beyond the floor (75% absence), the API's 422 is shown as it words it; chadi (50%) is waived.
    const waiver = page.locator('#waiver-form');
    await waiver.locator('select').selectOption('eve');
    await waiver.locator('textarea').fill('illness');
    await waiver.getByRole('button', { name: 'Record the waiver' }).click();
    const refusal = page.locator('#waiver-result [role="alert"]');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toContain('eActivity absence 75%');
    await waiver.locator('select').selectOption('chadi');
    await waiver.locator('textarea').fill('hospital stay');
    await waiver.getByRole('button', { name: 'Record the waiver' }).click();
    await page.locator('#waiver-result [role="status"]').filter({ hasText: 'Waiver recorded for chadi.' }).waitFor(WAIT);
    await page.locator('tr[data-student="chadi"][data-status="waived"][data-eligible="true"]').waitFor(WAIT);

    // As of a moment before the tests acted: ali eligible, badr still warned, chadi deprived.
    await page.locator('#as-of-form input').fill(BEFORE_TESTS);
    await page.locator('#as-of-form button[type="submit"]').click();
    await page.locator('#eligibility-state time[datetime="2026-10-15T09:00:00.000Z"]').waitFor(WAIT);
    expect(await page.locator('tr[data-student="badr"]').getAttribute('data-status')).toBe('warning-2');
    expect(await page.locator('tr[data-student="ali"]').getAttribute('data-status')).toBe('good');
    expect(await page.locator('tr[data-student="chadi"]').getAttribute('data-status')).toBe('deprived');

    // CSV as of that moment, through a Blob link.
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#csv-download').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe(`eligibility-${SECTION}-as-of-20261015T1200.csv`);
    expect(csv).toContain(`${SECTION},2026-10-15T09:00:00.000Z,false,chadi,false,deprived,eActivity 50% > 25%`);
    await page.locator('#as-of-now').click();
    await page.locator('tr[data-student="ali"][data-status="deprived"]').waitFor(WAIT);

    // Finalize, then reopen.
    await page.locator('#finalize-panel input').fill('end of term');
    await page.locator('#finalize').click();
    await page.locator('#finalized-state[data-finalized="true"]').waitFor(WAIT);
    expect(await page.locator('#finalize').isDisabled()).toBe(true);
    await page.locator('#reopen').click();
    await page.locator('#finalized-state[data-finalized="false"]').waitFor(WAIT);
    await screenshot(page, 'registrar-after');
  });
  it('takes the role and the views from GET /me: a faculty token never presents the registrar’s forms, whatever was claimed for it', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const registrarRequests = () => requests.filter((p) => /^\/api\/v1\/sections\/[^/]+\/(eligibility|waivers|live)\b/.test(p));
    const registrarControls = '#eligibility-table, #as-of-form, #waiver-form, #finalize-panel, #finalize, #reopen, #csv-download';

    // The form asks for the token and nothing else: no role, no id to claim.
    await page.goto(`${app.url}/`);
    await page.locator('#signin-token').waitFor(WAIT);
    expect(await page.locator('#signin-form input, #signin-form select').evaluateAll((fields) => fields.map((f) => f.id))).toEqual(['signin-token']);

    // A session that claims the registrar role for the faculty token (as the old form kept it), opened at the registrar's page.
    await page.evaluate(`sessionStorage.setItem('attendance.session', ${JSON.stringify(JSON.stringify({ token: tokens.faculty, role: 'registrar', subject: 'reg-1' }))})`);
    await page.goto(`${app.url}/?claimed#/eligibility/${SECTION}`);
    const refusal = page.locator('#not-for-role');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toBe('This page is for Registrar or Administrator. You are signed in as Faculty dr-huda.');
    expect(await page.locator(registrarControls).count()).toBe(0);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Sections']);
    expect(await page.locator('.who').textContent()).toBe('Signed in as Faculty dr-huda');
    // The service's answer replaced the claim.
    expect(await page.evaluate('JSON.parse(sessionStorage.getItem("attendance.session")).role')).toBe('faculty');
    expect(requests).toContain('/api/v1/me');
    await screenshot(page, 'faculty-not-registrar');
    await expectAccessible(page, 'faculty-not-registrar');

    // Signed in through the form, the registrar's pages stay closed to the faculty token too.
    await page.locator('#sign-out').click();
    await signIn(page, tokens.faculty);
    await page.waitForURL(/#\/sections$/, WAIT);
    await page.locator('#section-list li').first().waitFor(WAIT);
    for (const address of ['#/eligibility', `#/eligibility/${SECTION}`]) {
      await page.goto(`${app.url}/${address}`);
      await refusal.waitFor(WAIT);
      expect(await page.locator(registrarControls).count()).toBe(0);
    }
    expect(registrarRequests()).toEqual([]);

    // A student token claimed as someone else's, of another role: the student's own record, and only it.
    await page.locator('#sign-out').click();
    await page.evaluate(`sessionStorage.setItem('attendance.session', ${JSON.stringify(JSON.stringify({ token: tokens.student, role: 'faculty', subject: 'ali' }))})`);
    await page.goto(`${app.url}/?claimed#/sections/${SECTION}`);
    await refusal.waitFor(WAIT);
    expect(await page.locator('#roster-table').count()).toBe(0);
    await page.locator('#not-for-role ~ p a').click();
    await page.waitForURL(/#\/students\/dana$/, WAIT);
    await page.locator(`section[data-section="${SECTION}"]`).waitFor(WAIT);
    expect(await page.locator('section[data-section]').count()).toBe(1);
    expect(await page.locator('.who').textContent()).toBe('Signed in as Student dana');
    expect(requests.filter((p) => p.includes('/ali') || /^\/api\/v1\/sections\/[^/]+\/attendance$/.test(p))).toEqual([]);
  });

  it('makes no request that fails while signing in, for any role, nor when a signed-in page is opened again', async () => {
    const landed: Array<[string, string, RegExp, string]> = [
      ['faculty', tokens.faculty, /#\/sections$/, '#section-list li'],
      ['student', tokens.student, /#\/students\/dana$/, '#notices-state[data-state="open"]'],
      ['registrar', tokens.registrar, /#\/eligibility$/, '#section-list li'],
    ];
    for (const [role, token, home, ready] of landed) {
      const page = await newPage();
      const answered: string[] = [];
      const failed: string[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        answered.push(url.pathname);
        if (response.status() >= 400) failed.push(`${role}: ${response.status()} ${response.request().method()} ${url.pathname}`);
      });
      await signIn(page, token);
      await page.waitForURL(home, WAIT);
      await page.locator(ready).first().waitFor(WAIT);
      // Opened again (a reload): the kept token is asked about again, and nothing fails either.
      await page.reload();
      await page.locator(ready).first().waitFor(WAIT);
      expect(failed).toEqual([]);
      expect(answered.filter((p) => p === '/api/v1/me')).toHaveLength(2);
      expect(answered.some((p) => p.includes('sign-in-check'))).toBe(false);
    }
  });

  it('labels every figure of the student’s gauges, the gauge’s number being the figure its label names, and words e-activities as Submitted', async () => {
    const page = await newPage();
    await signIn(page, tokens.student);
    const card = page.locator(`section[data-section="${SECTION}"]`);
    await card.waitFor(WAIT);
    const { body } = await app.get('/api/v1/students/dana/attendance');
    const row = body.sections.find((s: any) => s.sectionId === SECTION);
    const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 2 });
    const components = Object.keys(row.components);
    expect(components.sort()).toEqual(['eActivity', 'inPerson', 'recordedLecture', 'virtualClass']);
    for (const component of components) {
      const figures = row.components[component];
      const gaugeCard = card.locator(`.gauge-card[data-component="${component}"]`);
      // The ring's number is attendance to date, and the label under it says so.
      expect(await gaugeCard.locator('.gauge-caption').textContent()).toBe('Attendance to date');
      expect(await gaugeCard.locator('.gauge').getAttribute('data-value')).toBe(String(figures.attendancePercentToDate));
      expect(await gaugeCard.locator('.gauge-text').textContent()).toBe(percent.format(figures.attendancePercentToDate / 100));
      expect(await gaugeCard.locator('.gauge-ring').getAttribute('aria-label')).toContain(`attendance to date ${percent.format(figures.attendancePercentToDate / 100)}`);
      // Every other figure has its label; no bare number is left under the bar.
      expect(await gaugeCard.locator('.figure-list dt').allTextContents()).toEqual(['Absence so far', 'Absence limit']);
      expect(await gaugeCard.locator('[data-figure="absence"] dd').textContent()).toContain(percent.format(figures.absencePercent / 100));
      expect(await gaugeCard.locator('.figures').count()).toBe(0);
    }
    const inPerson = row.components.inPerson;
    expect(inPerson.allowance).toBeGreaterThan(0);
    expect(await card.locator('.gauge-card[data-component="inPerson"] [data-figure="limit"] dd').textContent()).toBe(`${inPerson.absent + inPerson.allowance} minutes`);

    // An e-activity handed in reads Submitted, never Present.
    await card.locator('.items-details summary').click();
    const eActivities = card.locator('.timeline-item[data-kind="eActivity"] .item-title .chip');
    expect(await eActivities.allTextContents()).toEqual(['Submitted', 'Submitted', 'Submitted', 'Submitted']);
    expect(await card.locator('.timeline-item[data-kind="inPerson"][data-item="ip1"] .item-title .chip').textContent()).toBe('Present');
    await screenshot(page, 'student-labelled');
    await expectAccessible(page, 'student-labelled');

    // In Arabic: the same labels and سُلِّم.
    await page.locator('#language-switch').click();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await card.waitFor(WAIT);
    expect(await card.locator('.gauge-card[data-component="eActivity"] .gauge-caption').textContent()).toBe('الحضور حتى الآن');
    expect(await card.locator('.gauge-card[data-component="eActivity"] .figure-list dt').allTextContents()).toEqual(['الغياب حتى الآن', 'حد الغياب المسموح']);
    await card.locator('.items-details summary').click();
    expect(await eActivities.allTextContents()).toEqual(['سُلِّم', 'سُلِّم', 'سُلِّم', 'سُلِّم']);
    await screenshot(page, 'student-labelled-ar');
    await expectAccessible(page, 'student-labelled-ar');
  });

  it('shows a warning in the Arabic student view in the service’s Arabic words (message.ar), live and read again, and message.en in English', async () => {
    await configureNoticeSection(app);
    const token = await app.token('student', NOTICE_STUDENT);
    const page = await newPage({ locale: 'ar-SA' });
    await signIn(page, token);
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await page.waitForURL(new RegExp(`#/students/${NOTICE_STUDENT}$`), WAIT);
    await page.locator(`section[data-section="${NOTICE_SECTION}"][data-status="good"]`).waitFor(WAIT);
    await page.locator('#notices-state[data-state="open"]').waitFor(WAIT);
    expect(await page.locator('#notices-list li').count()).toBe(0);

    // One session missed of four: the second warning, told at once (this section's notices wait 0 minutes) and live.
    await app.pushFacts([missedSession()]);
    await app.app.get(NoticeIssuer).settled();
    const notice = page.locator('#notices-list li.updated[data-kind="warning-2"]');
    await notice.waitFor(WAIT);
    const { body } = await app.get(`/api/v1/students/${NOTICE_STUDENT}/notifications`);
    const sent = body.notifications.find((n: any) => n.sectionId === NOTICE_SECTION && n.kind === 'warning-2');
    expect(sent.message.ar).toMatch(/[\u0600-\u06FF]/);
    const message = notice.locator('.notice-message');
    expect(await message.textContent()).toBe(sent.message.ar);
    expect(await message.getAttribute('lang')).toBe('ar');
    await screenshot(page, 'student-ar-notice');
    await expectAccessible(page, 'student-ar-notice');

    // Read again from GET …/notifications (a reload): still the Arabic text.
    await page.reload();
    const listed = page.locator('#notices-list li[data-kind="warning-2"] .notice-message');
    await listed.waitFor(WAIT);
    expect(await listed.textContent()).toBe(sent.message.ar);

    // In English, the English text.
    await page.locator('#language-switch').click();
    await page.locator('html[lang="en"][dir="ltr"]').waitFor(WAIT);
    await listed.waitFor(WAIT);
    expect(await listed.textContent()).toBe(sent.message.en);
    expect(await listed.getAttribute('lang')).toBe('en');
  });

  it('shows the registrar’s feed as live only while it is open: not live when the service cuts it, live again once it reconnects, paused as of a past moment; dates in the viewer’s language', async () => {
    // The service side of the section's feed: the socket of each GET …/live, to cut it as a dropped connection would.
    const server = app.app.getHttpServer() as Server;
    const feeds: Socket[] = [];
    const onRequest = (request: IncomingMessage) => {
      if (request.url?.startsWith(`/api/v1/sections/${SECTION}/live`)) feeds.push(request.socket);
    };
    server.on('request', onRequest);
    try {
      // Chromium logs the cut connection as a failed load; nothing else may be logged.
      const page = await newPage({ expectedConsoleErrors: [/net::ERR_INCOMPLETE_CHUNKED_ENCODING/] });
      // While `hold` is set, the browser's next try to reconnect waits here until the test lets it through.
      let hold = false;
      const held: Route[] = [];
      let retried: () => void = () => {};
      const retry = new Promise<void>((resolve) => (retried = resolve));
      await page.route(/\/api\/v1\/sections\/[^/]+\/live$/, (route) => {
        if (!hold) return route.continue();
        held.push(route);
        retried();
      });

      await signIn(page, tokens.registrar);
      await page.waitForURL(/#\/eligibility$/, WAIT);
      await page.goto(`${app.url}/#/eligibility/${SECTION}`);
      const card = page.locator('#eligibility-live');
      const state = page.locator('#live-state');
      await page.locator('#eligibility-live.is-live #live-state[data-state="live"]').waitFor(WAIT);
      expect(await state.textContent()).toBe('Live: changes appear as they happen.');
      await screenshot(page, 'registrar-live-indicator');

      // The service closes the feed: the indicator leaves live at once and says the connection is lost.
      hold = true;
      expect(feeds.length).toBeGreaterThan(0);
      for (const socket of feeds.splice(0)) socket.destroy();
      await page.locator('#eligibility-live:not(.is-live) #live-state:not([data-state="live"])').waitFor(WAIT);
      // The browser tries again; while that try is unanswered it is still not live.
      await retry;
      await page.locator('#eligibility-live:not(.is-live) #live-state[data-state="connecting"]').waitFor(WAIT);
      expect(await state.textContent()).toBe('Connecting…');
      await screenshot(page, 'registrar-live-lost');

      // Answered again: live again.
      hold = false;
      await Promise.all(held.splice(0).map((route) => route.continue()));
      await page.locator('#eligibility-live.is-live #live-state[data-state="live"]').waitFor(WAIT);

      // As of a past moment the list does not follow the feed: paused, not live; Now makes it live again.
      const asOf = page.locator('#as-of-form input[type="datetime-local"]');
      expect(await asOf.getAttribute('lang')).toBe('en');
      await asOf.fill(BEFORE_TESTS);
      expect(await page.locator('#as-of-form .datetime-echo').textContent()).toContain('Chosen: 15 Oct 2026');
      await page.locator('#as-of-form button[type="submit"]').click();
      await page.locator('#eligibility-live:not(.is-live) #live-state[data-state="paused"]').waitFor(WAIT);
      await page.locator('#as-of-now').click();
      await page.locator('#eligibility-live.is-live #live-state[data-state="live"]').waitFor(WAIT);
      expect(await card.getAttribute('data-state')).toBe('live');

      // The date input in Arabic: lang="ar", an Arabic label and hint, the chosen moment said back in Arabic with the Hijri date.
      await page.locator('#language-switch').click();
      await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
      await page.locator('#eligibility-live.is-live #live-state[data-state="live"]').waitFor(WAIT);
      const field = page.locator('#as-of-form .datetime-field');
      expect(await field.locator('input').getAttribute('lang')).toBe('ar');
      expect(await field.locator('label').textContent()).toBe('حتى تاريخ (Asia/Riyadh)');
      expect(await field.locator('.hint').first().textContent()).toBe('تاريخ ميلادي ووقت، بتوقيت Asia/Riyadh. تُعاد اللحظة التي تختارها أدناه.');
      await field.locator('input').fill(BEFORE_TESTS);
      const echo = await field.locator('.datetime-echo').textContent();
      expect(echo).toMatch(/^المختار: /);
      expect(echo).toContain('هـ');
      expect(echo).not.toMatch(/[A-Za-z]/);
      await screenshot(page, 'registrar-ar-dates');
      await expectAccessible(page, 'registrar-ar-dates');
    } finally {
      server.off('request', onRequest);
    }
  });
});
