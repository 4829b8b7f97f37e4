import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { AppHarness } from '../support/app-harness';
import { expectAccessible } from './support/axe';
import { CHROMIUM, haveChromium, screenshot } from './support/browser';
import { browserSession } from './support/browser-session';
import { configureExcuseSection, EXCUSE_SECTION, INSTRUCTOR, NOT_A_PDF, PDF, requestExcuse, T0 } from './support/excuse-section';

/**
 * Excuse requests (rules R7) in a real browser against the real service: a student asks for an
 * excuse with a document (a text file named .pdf is refused in the API's words, a PDF is attached
 * and listed with its size); the department council's queue shows the requests with their items,
 * documents and the student's status; a sitting accepts one, rejects another with a reason, and
 * shows a decision the service refused; one is forwarded one by one; the student sees every step
 * and is notified; an accepted excuse is revoked with a reason; another department sees nothing;
 * the college council decides a forwarded one; a registrar reads only; in English and in Arabic.
 * The tests run in order: each starts from what the one before left.
 */
if (!haveChromium) process.stderr.write(`UI tests skipped: ${CHROMIUM} is not installed (apt-get install chromium); CI installs it.\n`);
const describeUi = haveChromium ? describe : describe.skip;

jest.setTimeout(60_000);

const WAIT = { timeout: 10_000 };

describeUi('excuse requests in a browser', () => {
  const ui = browserSession(() => AppHarness.start(T0));
  let app: AppHarness;
  const tokens: Record<string, string> = {};
  /** The requests: R1 sara's (asked in the browser), R2 and R4 omar's (asked by his instructor), R3 sara's second. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = ui.app;
    await configureExcuseSection(app);
    tokens.sara = await app.token('student', 'sara');
    tokens.faculty = await app.token('faculty', INSTRUCTOR);
    tokens.department = await app.token('department', 'cs');
    tokens.otherDepartment = await app.token('department', 'math');
    tokens.college = await app.token('college', 'science');
    tokens.registrar = await app.token('registrar', 'reg-1');
  });

  const { newPage, signIn } = ui;

  /** A document saved from its button: the bytes the student sent. */
  async function expectDownload(page: Page, button: Locator, name: string): Promise<void> {
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(readFileSync((await download.path())!)).toEqual(PDF);
  }

  /** The decisions the page sends: the sittings' bodies and the one-by-one decisions' paths. */
  function decisionsSent(page: Page): { sittings: unknown[]; single: string[] } {
    const sent = { sittings: [] as unknown[], single: [] as string[] };
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() !== 'POST') return;
      if (pathname === '/api/v1/excuse-requests/decisions') sent.sittings.push(request.postDataJSON());
      else if (/^\/api\/v1\/excuse-requests\/[^/]+\/decision$/.test(pathname)) sent.single.push(pathname.split('/')[4]);
    });
    return sent;
  }

  const row = (page: Page, requestId: string) => page.locator(`#excuse-queue tbody tr[data-request="${requestId}"]`);
  const rowIds = (page: Page) => page.locator('#excuse-queue tbody tr').evaluateAll((rows) => rows.map((r) => (r as any).dataset.request));
  const stepsOf = (card: Locator) => card.locator('.excuse-steps li').evaluateAll((lis) => lis.map((li) => (li as any).dataset.step));
  const byteSize = (page: Page, bytes: number, locale = 'en-GB') => page.evaluate(`new Intl.NumberFormat('${locale}', { style: 'unit', unit: 'byte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(${bytes})`) as Promise<string>;

  /** The council's queue, loaded with the filters as they are. */
  async function openQueue(page: Page, token: string): Promise<void> {
    await signIn(page, token);
    await page.waitForURL(/#\/(excuses|eligibility)$/, WAIT);
    if (!page.url().endsWith('#/excuses')) await page.locator('#nav a', { hasText: 'Excuse requests' }).click();
    await page.locator('#excuse-queue-body[data-state="done"]').waitFor(WAIT);
  }

  async function showState(page: Page, state: string): Promise<void> {
    await page.locator('#queue-state').selectOption(state);
    await page.locator('#excuse-queue-body').evaluate((b) => delete (b as any).dataset.state);
    await page.locator('#queue-show').click();
    await page.locator('#excuse-queue-body[data-state="done"]').waitFor(WAIT);
  }

  it('lets a student ask for an excuse: a text file named .pdf is refused in the API’s words, a PDF is attached, the request is listed with its step', async () => {
    // The refused upload is logged by Chromium as a failed load; nothing else may be.
    const page = await newPage({ expectedConsoleErrors: [/status of 400/] });
    await signIn(page, tokens.sara);
    await page.waitForURL(/#\/students\/sara$/, WAIT);
    await page.locator('#student-excuses-link').click();
    await page.waitForURL(/#\/students\/sara\/excuses$/, WAIT);
    // The view draws after the address changes: wait for it.
    await page.locator('h1', { hasText: 'My excuse requests' }).waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('My excuse requests');
    // The view draws after the address changes: wait for it.
    await page.locator('#nav a[aria-current="page"]', { hasText: 'My excuse requests' }).waitFor(WAIT);
    expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('My excuse requests');
    await page.locator('#excuse-requests-body[data-state="done"] #excuse-requests-none').waitFor(WAIT);

    // Her one section is chosen; the classes she missed are offered, with their dates; those she attended are not.
    await page.locator('#excuse-items-body[data-state="done"]').waitFor(WAIT);
    expect(await page.locator('#excuse-section').inputValue()).toBe(EXCUSE_SECTION);
    expect(await page.locator('#excuse-items-body li').evaluateAll((lis) => lis.map((li) => (li as any).dataset.item))).toEqual(['vc1', 'vc2', 'vc3', 'vc4']);
    const first = page.locator('#excuse-items-body li[data-item="vc1"]');
    expect(await first.textContent()).toMatch(/^Lecture 1 \(vc1\) · Virtual class · 6 Sept 2026, 08:00 \(.+\) Absent$/);

    // A text file that only claims to be a PDF: the service's own refusal, beside its name and size.
    await page.locator('#excuse-files').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: NOT_A_PDF });
    const refused = page.locator('#excuse-uploads li[data-name="notes.pdf"][data-state="refused"]');
    await refused.waitFor(WAIT);
    expect(await refused.getAttribute('data-status')).toBe('400');
    expect(await refused.locator('.upload-size').textContent()).toBe(`(${await byteSize(page, NOT_A_PDF.length)})`);
    expect(await refused.locator('[role="alert"]').textContent()).toBe('Not attached: body: the document must be a PDF, PNG or JPEG by its content (its name and Content-Type are not trusted)');

    // A PDF: attached, with its name and size.
    await page.locator('#excuse-files').setInputFiles({ name: 'medical-report.pdf', mimeType: 'application/pdf', buffer: PDF });
    const attached = page.locator('#excuse-uploads li[data-name="medical-report.pdf"][data-state="done"]');
    await attached.waitFor(WAIT);
    expect(await attached.textContent()).toBe(`medical-report.pdf (${await byteSize(page, PDF.length)}) Attached. Remove medical-report.pdf`);

    // Nothing ticked: said, and nothing sent.
    await page.locator('#excuse-reason').fill('In hospital from 6 to 13 September; the report is attached.');
    await page.locator('#excuse-submit').click();
    expect(await page.locator('#excuse-result [role="alert"]').textContent()).toBe('Choose at least one item.');

    await page.locator('#excuse-items-body input[value="vc1"]').check();
    await page.locator('#excuse-items-body input[value="vc2"]').check();
    await page.locator('#excuse-submit').click();
    await page.locator('#excuse-result [role="status"]').filter({ hasText: 'Request sent: it waits for the department council.' }).waitFor(WAIT);
    expect(await page.locator('#excuse-uploads li').count()).toBe(0);

    const card = page.locator('#excuse-requests-body article.excuse-request');
    await card.waitFor(WAIT);
    ids.R1 = (await card.getAttribute('data-request'))!;
    expect(await card.getAttribute('data-state')).toBe('submitted');
    expect(await card.locator('h3').textContent()).toBe(`CS210 Data structures (${EXCUSE_SECTION}) Submitted`);
    expect(await card.locator('.excuse-items li').evaluateAll((lis) => lis.map((li) => (li as any).dataset.item))).toEqual(['vc1', 'vc2']);
    expect(await card.locator('[data-field="reason"] dd').textContent()).toBe('In hospital from 6 to 13 September; the report is attached.');
    expect(await stepsOf(card)).toEqual(['submitted']);
    expect(await card.locator('.excuse-steps li').first().textContent()).toMatch(/^Submitted · Student sara · 1 Nov 2026, 12:00 \(.+\)$/);
    // Her document, saved with her token: the bytes she sent.
    const button = card.locator('.excuse-documents button');
    expect(await button.textContent()).toBe(`medical-report.pdf (${await byteSize(page, PDF.length)})`);
    await expectDownload(page, button, 'medical-report.pdf');

    // The classes asked for are not offered again while the request waits.
    await page.locator('#excuse-items-body input[value="vc1"]:disabled').waitFor(WAIT);
    expect(await page.locator('#excuse-items-body li[data-item="vc2"]').textContent()).toContain('(already in a request waiting for the department council)');
    expect(await page.locator('#excuse-items-body input[value="vc3"]').isDisabled()).toBe(false);

    // What the service recorded.
    const { body } = await app.get('/api/v1/students/sara/excuse-requests');
    expect(body.requests).toHaveLength(1);
    expect(body.requests[0]).toMatchObject({
      requestId: ids.R1,
      itemIds: ['vc1', 'vc2'],
      state: 'submitted',
      requestedBy: 'student:sara',
      documents: [expect.objectContaining({ name: 'medical-report.pdf', contentType: 'application/pdf', bytes: PDF.length, erased: false })],
    });

    await screenshot(page, 'excuse-request-en');
    await expectAccessible(page, 'excuse-request-en');
  });

  it('holds a department council’s sitting: accepts one, rejects one with a reason, shows a decision refused in the API’s words; forwards one on its own', async () => {
    ids.R3 = await requestExcuse(app, tokens.sara, 'sara', ['vc3'], 'A family emergency.');
    ids.R2 = await requestExcuse(app, tokens.faculty, 'omar', ['vc1'], 'At the university games.');
    ids.R4 = await requestExcuse(app, tokens.faculty, 'omar', ['vc2'], 'Travel for a national competition.');
    const page = await newPage();
    const sent = decisionsSent(page);
    await openQueue(page, tokens.department);
    expect(await page.locator('.who').textContent()).toBe('Signed in as Department council cs');
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Excuse requests']);
    // The view draws after the address changes: wait for it.
    await page.locator('#nav a[aria-current="page"]', { hasText: 'Excuse requests' }).waitFor(WAIT);
    expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('Excuse requests');
    // The view draws after the address changes: wait for it.
    await page.locator('h1', { hasText: 'Excuse requests' }).waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('Excuse requests');
    expect(await page.locator('#queue-scope').textContent()).toBe('You see the requests of department cs');
    // Waiting ones by default, oldest first; a council chooses no college or department.
    expect(await page.locator('#queue-state').inputValue()).toBe('pending');
    expect(await rowIds(page)).toEqual([ids.R1, ids.R3, ids.R2, ids.R4]);
    expect(await page.locator('#queue-college, #queue-department').count()).toBe(0);

    const r1 = row(page, ids.R1);
    expect(await r1.locator('th a').getAttribute('href')).toBe('#/students/sara/excuses');
    expect(await r1.locator('.col-section').textContent()).toBe(`CS210 Data structures (${EXCUSE_SECTION})Term 1448-1`);
    expect(await r1.locator('.col-items li').allTextContents()).toEqual([
      expect.stringMatching(/^Lecture 1 \(vc1\) · Virtual class · 6 Sept 2026, 08:00 \(.+\)$/),
      expect.stringMatching(/^Lecture 2 \(vc2\) · Virtual class · 11 Sept 2026, 08:00 \(.+\)$/),
    ]);
    expect(await r1.locator('.col-reason').textContent()).toBe('In hospital from 6 to 13 September; the report is attached.');
    expect(await r1.locator('.col-standing').textContent()).toBe('Deprived Not eligible');
    expect(await row(page, ids.R2).locator('.col-standing').textContent()).toBe('Second warning Eligible');
    expect(await r1.locator('.col-state .excuse-state').textContent()).toBe('Submitted');
    // The council reads the student's document.
    await expectDownload(page, r1.locator('.col-documents button'), 'medical-report.pdf');
    expect(await row(page, ids.R2).locator('.col-documents').textContent()).toBe('None');

    // A rejection for the ticked needs a reason.
    await row(page, ids.R2).locator('.row-tick').check();
    await page.locator('#sitting-decision').selectOption('reject');
    await page.locator('#sitting-apply').click();
    expect(await page.locator('#sitting-message [role="alert"]').textContent()).toBe('A rejection must say why: write the reason.');
    await page.locator('#sitting-reason').fill('A sports event is not an excuse under the regulations.');
    await page.locator('#sitting-apply').click();
    expect(await page.locator('#sitting-message').textContent()).toBe('Reject: set for 1 ticked requests.');
    expect(await row(page, ids.R2).locator('.decision-choice').inputValue()).toBe('reject');
    expect(await row(page, ids.R2).locator('.decision-reason').inputValue()).toBe('A sports event is not an excuse under the regulations.');
    // Then sara's first, ticked alone, to accept.
    await row(page, ids.R2).locator('.row-tick').uncheck();
    await row(page, ids.R1).locator('.row-tick').check();
    await page.locator('#sitting-decision').selectOption('accept');
    await page.locator('#sitting-reason').fill('');
    await page.locator('#sitting-apply').click();
    expect(await row(page, ids.R1).locator('.decision-choice').inputValue()).toBe('accept');
    // sara's second, chosen on its row: forward; an admin forwards it meanwhile, so the sitting's is refused.
    await row(page, ids.R3).locator('.decision-choice').selectOption('forward');
    expect((await app.post(`/api/v1/excuse-requests/${ids.R3}/decision`, { decision: 'forward', reason: 'The dean asks the college to decide.' })).status).toBe(200);

    await page.locator('#sitting-record').click();
    await page.locator('#sitting-summary').waitFor(WAIT);
    expect(await page.locator('#sitting-summary').textContent()).toBe('Decided: 2. Refused: 1.');
    const result = (id: string) => page.locator(`#sitting-results li[data-request="${id}"]`);
    expect(await page.locator('#sitting-results li').evaluateAll((lis) => lis.map((li) => (li as any).dataset.result))).toEqual(['decided', 'refused', 'decided']);
    expect(await result(ids.R1).textContent()).toBe(`sara in ${EXCUSE_SECTION} — decided: Accepted`);
    expect(await result(ids.R2).textContent()).toBe(`omar in ${EXCUSE_SECTION} — decided: Rejected`);
    expect(await result(ids.R3).getAttribute('data-status-code')).toBe('409');
    expect(await result(ids.R3).textContent()).toBe(`sara in ${EXCUSE_SECTION} — refused (HTTP 409): excuse request ${ids.R3} waits for the college council, not the department council`);
    // One sitting, in the rows' order. (The API answers a rule's refusal as a 409 for the whole sitting, after the
    // decisions before it were recorded; the page then takes them one by one to tell each its answer.)
    expect(sent.sittings).toEqual([
      {
        decisions: [
          { requestId: ids.R1, decision: 'accept' },
          { requestId: ids.R3, decision: 'forward' },
          { requestId: ids.R2, decision: 'reject', reason: 'A sports event is not an excuse under the regulations.' },
        ],
      },
    ]);

    // The queue is read again: the decided ones are no longer waiting; the forwarded one waits for the college.
    await page.locator('#excuse-queue-body[data-state="done"][data-count="2"]').waitFor(WAIT);
    expect(await rowIds(page)).toEqual([ids.R3, ids.R4]);
    expect(await row(page, ids.R3).locator('.col-state .excuse-state').textContent()).toBe('Forwarded');
    expect(await row(page, ids.R3).locator('.decision-controls, .row-tick').count()).toBe(0);
    expect(await row(page, ids.R3).locator('.excuse-steps li').allTextContents()).toEqual([
      expect.stringMatching(/^Submitted · Student sara · /),
      expect.stringMatching(/^Forwarded to the college council · Administrator .+ · .+Reason: The dean asks the college to decide\.$/),
    ]);
    await screenshot(page, 'excuse-queue-en');
    await expectAccessible(page, 'excuse-queue-en');

    // One by one: omar's second is forwarded with a note.
    sent.single.length = 0;
    await row(page, ids.R4).locator('.decision-choice').selectOption('forward');
    await row(page, ids.R4).locator('.decision-reason').fill('Long absences are for the college to confirm.');
    await row(page, ids.R4).locator('.decide-one').click();
    await page.locator('#queue-message [role="status"]').filter({ hasText: `Request of omar in ${EXCUSE_SECTION}: Forwarded.` }).waitFor(WAIT);
    await row(page, ids.R4).locator('.col-state .excuse-state-forwarded').waitFor(WAIT);
    expect(sent.single).toEqual([ids.R4]);

    const states = async (id: string) => (await app.get(`/api/v1/excuse-requests/${id}`)).body;
    expect(await states(ids.R1)).toMatchObject({ state: 'accepted', steps: [{ step: 'submitted' }, { step: 'accepted', by: 'department:cs' }] });
    expect(await states(ids.R2)).toMatchObject({ state: 'rejected', steps: [{ step: 'submitted' }, { step: 'rejected', by: 'department:cs', reason: 'A sports event is not an excuse under the regulations.' }] });
    expect(await states(ids.R4)).toMatchObject({ state: 'forwarded', steps: [{ step: 'submitted' }, { step: 'forwarded', by: 'department:cs', reason: 'Long absences are for the college to confirm.' }] });
    await expectAccessible(page, 'excuse-queue-en-decided');
  });

  it('shows the student every step and notifies her of the acceptance and the forwarding', async () => {
    const page = await newPage();
    await signIn(page, tokens.sara);
    await page.waitForURL(/#\/students\/sara$/, WAIT);
    const accepted = page.locator('#notices-list li[data-kind="excuse-accepted"]');
    await accepted.waitFor(WAIT);
    expect(await accepted.locator('.chip').textContent()).toBe('Excuse accepted');
    expect(await accepted.locator('.notice-message').textContent()).toContain(`Your excuse in section ${EXCUSE_SECTION} was accepted: 2 items no longer count as absent.`);
    const forwarded = page.locator('#notices-list li[data-kind="excuse-forwarded"]');
    await forwarded.waitFor(WAIT);
    expect(await forwarded.locator('.chip').textContent()).toBe('Excuse forwarded');

    await accepted.locator('.notice-link a').click();
    await page.waitForURL(/#\/students\/sara\/excuses$/, WAIT);
    await page.locator('#excuse-requests-body[data-state="done"]').waitFor(WAIT);
    // Newest first.
    expect(await page.locator('#excuse-requests-body article').evaluateAll((a) => a.map((e) => (e as any).dataset.request))).toEqual([ids.R3, ids.R1]);
    const r1 = page.locator(`article[data-request="${ids.R1}"]`);
    expect(await r1.getAttribute('data-state')).toBe('accepted');
    expect(await stepsOf(r1)).toEqual(['submitted', 'accepted']);
    expect(await r1.locator('.excuse-steps li[data-step="accepted"]').textContent()).toMatch(/^Accepted · Department council cs · 1 Nov 2026, 12:00 \(.+\)$/);
    const r3 = page.locator(`article[data-request="${ids.R3}"]`);
    expect(await r3.locator('h3 .excuse-state').textContent()).toBe('Forwarded');
    expect(await r3.locator('.excuse-steps li[data-step="forwarded"] .step-reason').textContent()).toBe('Reason: The dean asks the college to decide.');
    // Her accepted classes are no longer offered; the one forwarded waits.
    await page.locator('#excuse-items-body[data-state="done"]').waitFor(WAIT);
    expect(await page.locator('#excuse-items-body li').evaluateAll((lis) => lis.map((li) => (li as any).dataset.item))).toEqual(['vc3', 'vc4']);
    expect(await page.locator('#excuse-items-body li[data-item="vc3"]').textContent()).toContain('(already in a request waiting for the college council)');
  });

  it('revokes an accepted excuse with a reason; the student sees the step and is notified', async () => {
    const page = await newPage();
    await openQueue(page, tokens.department);
    await showState(page, 'accepted');
    expect(await rowIds(page)).toEqual([ids.R1]);
    const r1 = row(page, ids.R1);
    expect(await r1.locator('.row-tick, .decision-controls').count()).toBe(0);
    await r1.locator('.revoke-controls summary').click();
    await r1.locator(`#revoke-${ids.R1}`).click();
    expect(await r1.locator('.revoke-result [role="alert"]').textContent()).toBe('A revocation must say why: write the reason.');
    await r1.locator('.revoke-reason').fill('The hospital did not confirm the report.');
    await r1.locator(`#revoke-${ids.R1}`).click();
    await page.locator('#queue-message [role="status"]').filter({ hasText: `The excuse of sara in ${EXCUSE_SECTION} is revoked.` }).waitFor(WAIT);
    await page.locator('#excuse-queue-none').waitFor(WAIT);
    await showState(page, 'revoked');
    expect(await rowIds(page)).toEqual([ids.R1]);
    expect(await row(page, ids.R1).locator('.col-state .excuse-state').textContent()).toBe('Revoked');
    expect((await app.get(`/api/v1/excuse-requests/${ids.R1}`)).body).toMatchObject({ state: 'revoked', steps: [{ step: 'submitted' }, { step: 'accepted' }, { step: 'revoked', by: 'department:cs', reason: 'The hospital did not confirm the report.' }] });

    const student = await newPage();
    await signIn(student, tokens.sara);
    const revoked = student.locator('#notices-list li[data-kind="excuse-revoked"]');
    await revoked.waitFor(WAIT);
    expect(await revoked.locator('.chip').textContent()).toBe('Excuse revoked');
    expect(await revoked.locator('.notice-message').textContent()).toContain('was revoked: The hospital did not confirm the report.');
    await student.locator('#student-excuses-link').click();
    const card = student.locator(`article[data-request="${ids.R1}"]`);
    await card.waitFor(WAIT);
    expect(await card.getAttribute('data-state')).toBe('revoked');
    expect(await stepsOf(card)).toEqual(['submitted', 'accepted', 'revoked']);
    expect(await card.locator('.excuse-steps li[data-step="revoked"]').textContent()).toMatch(/^Revoked · Department council cs · .+Reason: The hospital did not confirm the report\.$/);
  });

  it('shows another department nothing; the college council decides what was forwarded; a registrar only reads', async () => {
    const other = await newPage();
    await openQueue(other, tokens.otherDepartment);
    await other.locator('#excuse-queue-none').waitFor(WAIT);
    await showState(other, '');
    expect(await other.locator('#excuse-queue-none').textContent()).toBe('No request matches.');
    expect((await app.get(`/api/v1/excuse-requests/${ids.R1}`, tokens.otherDepartment)).status).toBe(403);

    const college = await newPage();
    const sent = decisionsSent(college);
    await openQueue(college, tokens.college);
    expect(await rowIds(college)).toEqual([ids.R3, ids.R4]);
    // The college is the last council: it accepts or rejects, it does not forward.
    expect(await row(college, ids.R4).locator('.decision-choice option').evaluateAll((o) => o.map((e) => (e as any).value))).toEqual(['', 'accept', 'reject']);
    // A sitting the API takes whole: every ticked request accepted, each result its own.
    await college.locator('#tick-all').check();
    await college.locator('#sitting-decision').selectOption('accept');
    await college.locator('#sitting-apply').click();
    await college.locator('#sitting-record').click();
    await college.locator('#sitting-summary').waitFor(WAIT);
    expect(await college.locator('#sitting-summary').textContent()).toBe('Decided: 2. Refused: 0.');
    expect(await college.locator('#sitting-results li').allTextContents()).toEqual([`sara in ${EXCUSE_SECTION} — decided: Accepted`, `omar in ${EXCUSE_SECTION} — decided: Accepted`]);
    expect(sent.sittings).toEqual([{ decisions: [{ requestId: ids.R3, decision: 'accept' }, { requestId: ids.R4, decision: 'accept' }] }]);
    expect(sent.single).toEqual([]);
    await college.locator('#excuse-queue-none').waitFor(WAIT);
    expect((await app.get(`/api/v1/excuse-requests/${ids.R4}`)).body.steps.map((s: { step: string; by: string }) => `${s.step} ${s.by}`)).toEqual(['submitted faculty:dr-lina', 'forwarded department:cs', 'accepted college:science']);

    const registrar = await newPage();
    await openQueue(registrar, tokens.registrar);
    // The view draws after the address changes: wait for it.
    await registrar.locator('#nav a[aria-current="page"]', { hasText: 'Excuse requests' }).waitFor(WAIT);
    expect(await registrar.locator('#nav a[aria-current="page"]').textContent()).toBe('Excuse requests');
    expect(await registrar.locator('#queue-college').count()).toBe(1);
    expect(await registrar.locator('#queue-department').count()).toBe(1);
    await registrar.locator('#queue-department').fill('cs');
    await showState(registrar, '');
    expect(await rowIds(registrar)).toEqual([ids.R1, ids.R3, ids.R2, ids.R4]);
    expect(await registrar.locator('#excuse-sitting, .row-tick, .decision-controls, .revoke-controls').count()).toBe(0);
    expect(await row(registrar, ids.R1).locator('th a').getAttribute('href')).toBe('#/students/sara');

    // A council opens a student's requests from its queue, and may ask for them: it cannot read their
    // items, so it types the section and the item ids (omar's rejected class may be asked for again).
    const council = await newPage();
    await openQueue(council, tokens.department);
    await showState(council, '');
    await row(council, ids.R2).locator('th a').click();
    await council.waitForURL(/#\/students\/omar\/excuses$/, WAIT);
    await council.locator('#excuse-requests-body[data-state="done"]').waitFor(WAIT);
    // The view draws after the address changes: wait for it.
    await council.locator('h1', { hasText: 'Excuse requests of omar' }).waitFor(WAIT);
    expect(await council.locator('h1').textContent()).toBe('Excuse requests of omar');
    expect(await council.locator('#excuse-requests-body article').evaluateAll((a) => a.map((e) => (e as any).dataset.request))).toEqual([ids.R4, ids.R2]);
    await council.locator('#excuse-section').fill(EXCUSE_SECTION);
    await council.locator('#excuse-item-ids').fill('vc1');
    await council.locator('#excuse-reason').fill('The games were an official university mission after all.');
    await council.locator('#excuse-submit').click();
    await council.locator('#excuse-requests-body[data-count="3"]').waitFor(WAIT);
    expect(await council.locator('#excuse-requests-body article').first().locator('[data-field="requested"] dd').textContent()).toMatch(/^Department council cs · /);
  });

  it('is in Arabic, right to left: the student’s requests and the council’s queue', async () => {
    const page = await newPage({ locale: 'ar-SA' });
    await signIn(page, tokens.sara);
    await page.waitForURL(/#\/students\/sara$/, WAIT);
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    const revoked = page.locator('#notices-list li[data-kind="excuse-revoked"]');
    await revoked.waitFor(WAIT);
    expect(await revoked.locator('.chip').textContent()).toBe('أُلغي قبول العذر');
    expect(await page.locator('#notices-list li[data-kind="excuse-accepted"] .chip').first().textContent()).toBe('قُبل العذر');
    await page.locator('#student-excuses-link').click();
    await page.locator('#excuse-requests-body[data-state="done"]').waitFor(WAIT);
    await page.locator('#excuse-items-body[data-state="done"]').waitFor(WAIT);
    // The view draws after the address changes: wait for it.
    await page.locator('h1', { hasText: 'طلبات أعذاري' }).waitFor(WAIT);
    expect(await page.locator('h1').textContent()).toBe('طلبات أعذاري');
    expect(await page.locator('#excuse-form h2').textContent()).toBe('تقديم طلب عذر');
    expect(await page.locator('label[for="excuse-section"]').textContent()).toBe('الشعبة');
    const card = page.locator(`article[data-request="${ids.R1}"]`);
    expect(await card.locator('h3 .excuse-state').textContent()).toBe('ملغى');
    expect(await card.locator('.excuse-steps li strong').allTextContents()).toEqual(['قُدّم الطلب', 'قُبل', 'أُلغي القبول']);
    expect(await card.locator('.excuse-steps li[data-step="accepted"]').textContent()).toContain('مجلس القسم cs');
    expect(await card.locator('.excuse-steps .hijri').first().textContent()).toContain('هـ');
    // No key or English word of the page's own: only the API's free text and ids are in Latin letters.
    expect(await page.locator('main').textContent()).not.toMatch(/excuses\.|queue\.|Submitted|Accepted|Revoked/);
    // The form is laid out right to left: the form column is at the right of the list.
    const formBox = (await page.locator('#excuse-form').boundingBox())!;
    const listBox = (await page.locator('.excuse-list').boundingBox())!;
    expect(formBox.x).toBeGreaterThan(listBox.x);
    await screenshot(page, 'excuse-request-ar');
    await expectAccessible(page, 'excuse-request-ar');

    const queuePage = await newPage({ locale: 'ar-SA' });
    await signIn(queuePage, tokens.department);
    await queuePage.waitForURL(/#\/excuses$/, WAIT);
    await queuePage.locator('html[lang="ar"][dir="rtl"]').waitFor(WAIT);
    await queuePage.locator('#excuse-queue-body[data-state="done"]').waitFor(WAIT);
    await showState(queuePage, '');
    // The view draws after the address changes: wait for it.
    await queuePage.locator('h1', { hasText: 'طلبات الأعذار' }).waitFor(WAIT);
    expect(await queuePage.locator('h1').textContent()).toBe('طلبات الأعذار');
    expect(await queuePage.locator('#excuse-queue thead th').allTextContents()).toEqual(['', 'الطالب', 'الشعبة', 'البنود', 'السبب', 'المستندات', 'الحالة الآن', 'الطلب', 'القرار']);
    expect(await row(queuePage, ids.R2).locator('.col-state .excuse-state').textContent()).toBe('مرفوض');
    expect(await row(queuePage, ids.R4).locator('.col-state .excuse-state').textContent()).toBe('مقبول');
    expect(await queuePage.locator('#sitting-title').textContent()).toBe('الجلسة');
    // Right to left: the student column is at the right of the reason column.
    const student = (await row(queuePage, ids.R1).locator('th').boundingBox())!;
    const reason = (await row(queuePage, ids.R1).locator('.col-reason').boundingBox())!;
    expect(student.x).toBeGreaterThan(reason.x);
    await screenshot(queuePage, 'excuse-queue-ar');
    await expectAccessible(queuePage, 'excuse-queue-ar');
  });
});
