import type { ParsedMail } from 'mailparser';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeMailer } from '../../apps/api/src/mail/notice-mailer';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AppHarness } from '../support/app-harness';
import { haveChromium, launchChromium, screenshot } from '../ui/support/browser';
import { SmtpInbox } from './smtp-inbox';

/**
 * E-mail notices against a real SMTP server (smtp-server) on loopback, each message parsed as a
 * mail client would (mailparser): who receives what, in which language, with which figures and
 * items; the server down, then back; a restart in between.
 */

const SECTION = 'CS210-1';
/** Ten one-hour virtual classes in September (Riyadh), and nothing else: each is 10% of the component. */
const classes = Array.from({ length: 10 }, (_, i) => {
  const day = String(6 + i).padStart(2, '0');
  return { itemId: `vc${i + 1}`, startsAt: `2026-09-${day}T08:00:00+03:00`, endsAt: `2026-09-${day}T09:00:00+03:00` };
});
const attendAllBut = (studentId: string, skipped: string[]) =>
  classes
    .filter((c) => !skipped.includes(c.itemId))
    .flatMap((c) => [
      { id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId: SECTION, studentId, itemId: c.itemId },
      { id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId: SECTION, studentId, itemId: c.itemId },
    ]);

describe('notices by e-mail', () => {
  const inbox = new SmtpInbox();
  let app: AppHarness;
  const mailer = () => app.app.get(NoticeMailer);
  /** A standing is told once it has held for the section's hour (I6a): the clock moves on, the issuer looks, the mailer sends. */
  let minutes = 0;
  const issueAndMail = async () => {
    minutes += 61;
    app.setTime(new Date(Date.parse('2026-11-01T09:00:00Z') + minutes * 60_000).toISOString());
    await app.app.get(NoticeIssuer).tick();
    const head = await app.app.get(NoticeIssuer).settled();
    await mailer().mailedUpTo(head);
  };
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to!]).flatMap((a) => a.value.map((v) => v.address)).join(',');
  const messagesTo = (address: string) => inbox.messages.filter((m) => to(m) === address);

  beforeAll(async () => {
    await inbox.start();
    app = await AppHarness.start('2026-11-01T09:00:00Z', { SMTP_URL: inbox.url, MAIL_FROM: 'Attendance <attendance@uni.example>', REGISTRAR_EMAIL: 'registrar@uni.example', OUTBOUND_RETRY_BASE_MS: '5' });
    const ok = async (path: string, body: unknown) => expect((await app.put(path, body)).status).toBe(200);
    await ok(`/api/v1/sections/${SECTION}`, { termId: '1448-1', courseCode: 'CS210', title: 'Data Structures', level: 'online', instructors: ['dr-amal'], policy: { noticeDelayMinutes: 60, consecutiveAbsencesNotice: 3 } });
    for (const c of classes) await ok(`/api/v1/sections/${SECTION}/items/${c.itemId}`, { kind: 'virtualClass', title: `Lecture ${c.itemId.slice(2)}`, startsAt: c.startsAt, endsAt: c.endsAt });
    for (const [studentId, email] of [['s-warned', 'warned@student.example'], ['s-deprived', 'deprived@student.example'], ['s-later', 'later@student.example']]) {
      await ok(`/api/v1/sections/${SECTION}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00+03:00' });
      await ok(`/api/v1/students/${studentId}/identities`, { email });
    }
    await ok('/api/v1/students/s-warned/preferences', { language: 'en' });
    // s-deprived switched warnings off: a deprivation is still sent (it cannot be switched off), the streak is not.
    const deprived = await app.token('student', 's-deprived');
    expect((await app.request('PUT', '/api/v1/students/s-deprived/preferences', { token: deprived, body: { language: 'ar', warningEmails: false } })).status).toBe(200);
    await ok('/api/v1/staff/dr-amal/contact', { email: 'amal@uni.example', name: 'Dr Amal', language: 'en' });
    await ok('/api/v1/staff/adv-1/contact', { email: 'advisor@uni.example' });
    await ok(`/api/v1/sections/${SECTION}/advisor`, { advisorId: 'adv-1' });
    await ok(`/api/v1/sections/${SECTION}/notice-copies`, { instructors: true });
  });
  afterAll(async () => {
    await app.close();
    await inbox.stop();
  });

  it('refuses bad settings naming the field, and a student may not set another student\'s preferences', async () => {
    expect((await app.put('/api/v1/staff/x/contact', { email: 'not an address' })).body.message).toContain('email');
    expect((await app.put('/api/v1/students/s-warned/preferences', { language: 'fr' })).body.message).toContain('language');
    const student = await app.token('student', 's-later');
    expect((await app.request('PUT', '/api/v1/students/s-warned/preferences', { token: student, body: { language: 'ar' } })).status).toBe(403);
  });

  it('sends one message per recipient: the student in their language, the instructor and the advisor copies, the registrar a deprivation', async () => {
    await app.pushFacts([...attendAllBut('s-warned', ['vc5']), ...attendAllBut('s-deprived', ['vc1', 'vc2', 'vc3']), ...attendAllBut('s-later', [])]);
    await issueAndMail();
    expect(inbox.messages.map((m) => `${to(m)} ${m.headers.get('content-language')}`).sort()).toEqual(
      [
        // s-warned: a first warning (10%), in English as chosen; copies to the instructor (English) and the advisor (Arabic).
        'warned@student.example en',
        'amal@uni.example en',
        'advisor@uni.example ar',
        // s-deprived: the deprivation (30%) to the student, the instructor, the advisor and the registrar...
        'deprived@student.example ar',
        'amal@uni.example en',
        'advisor@uni.example ar',
        'registrar@uni.example ar',
        // ...and three classes missed in a row, to the advisor (the student switched warnings off).
        'advisor@uni.example ar',
      ].sort(),
    );
    const [warning] = messagesTo('warned@student.example');
    expect(warning.subject).toBe('First attendance warning: CS210 — Data Structures (CS210-1)');
    expect(warning.from?.value).toEqual([{ name: 'Attendance', address: 'attendance@uni.example' }]);
    expect(warning.messageId).toMatch(/^<[0-9a-f]{32}\.student\.[0-9a-f]{8}@attendance\.notices>$/);
    expect(warning.text).toContain('- Virtual classes: Absence so far 10% (60 of 600 minutes planned); Limit 25%; Still allowed 90 more minutes');
    expect(warning.text).toContain('Lecture 5 — 10 September 2026 (28 Rabiʻ I 1448 AH)');
    expect(warning.text).not.toContain('E-activities');
    expect(warning.text).toContain('submit an excuse');
    expect(warning.html).toContain('dir="ltr"');
    const deprivation = messagesTo('deprived@student.example').find((m) => m.subject!.startsWith('الحرمان'))!;
    expect(deprivation.subject).toBe('الحرمان من دخول الاختبار النهائي: CS210 — Data Structures (\u2068CS210-1\u2069)');
    expect(deprivation.html).toContain('dir="rtl"');
    expect(deprivation.text).toContain('الفصول الافتراضية: الغياب حتى الآن ٣٠٪ (١٨٠ من ٦٠٠ دقيقة مخططًا لها)؛ الحد المسموح ٢٥٪؛ المتبقي المسموح لا شيء');
    expect(deprivation.text).toContain('Lecture 1 — ٦ سبتمبر ٢٠٢٦ (٢٤ ربيع الأول ١٤٤٨ هـ)');
    expect(deprivation.text).toContain('قدّم عذرك');
    const streak = messagesTo('advisor@uni.example').find((m) => m.subject!.startsWith('غياب متتالٍ'))!;
    expect(streak.text).toContain('غبت عن ٣ من الفصول الافتراضية على التوالي');
    // The rendered messages, kept for people to look at (and screenshotted by the dashboards' browser test).
    mkdirSync(join('test-output', 'mail'), { recursive: true });
    writeFileSync(join('test-output', 'mail', 'first-warning-en.html'), String(warning.html));
    writeFileSync(join('test-output', 'mail', 'deprivation-ar.html'), String(deprivation.html));
    writeFileSync(join('test-output', 'mail', 'first-warning-en.txt'), String(warning.text));
    writeFileSync(join('test-output', 'mail', 'deprivation-ar.txt'), String(deprivation.text));
  });

  (haveChromium ? it : it.skip)('renders as a mail client shows it: the screenshots of both messages', async () => {
    const browser = await launchChromium();
    try {
      for (const [name, address, subject] of [
        ['mail-first-warning-en', 'warned@student.example', 'First'],
        ['mail-deprivation-ar', 'deprived@student.example', 'الحرمان'],
      ]) {
        const mail = messagesTo(address).find((m) => m.subject!.startsWith(subject))!;
        const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
        await page.setContent(String(mail.html));
        expect(await page.locator('html').getAttribute('dir')).toBe(address.startsWith('warned') ? 'ltr' : 'rtl');
        expect(await page.locator('table td').first().textContent()).toBe(address.startsWith('warned') ? 'Virtual classes' : 'الفصول الافتراضية');
        await screenshot(page, name);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('with the mail server down, keeps the messages, and after a restart sends each once when the server is back', async () => {
    const before = inbox.messages.length;
    await inbox.stop();
    // Corrections make s-later absent from two classes: a second warning, to them, the instructor and the advisor.
    for (const itemId of ['vc7', 'vc8']) expect((await app.request('POST', `/api/v1/sections/${SECTION}/corrections`, { body: { studentId: 's-later', itemId, outcome: 'absent', reason: 'left the class at once' } })).status).toBeLessThan(300);
    minutes += 61;
    app.setTime(new Date(Date.parse('2026-11-01T09:00:00Z') + minutes * 60_000).toISOString());
    await app.app.get(NoticeIssuer).tick();
    await app.app.get(NoticeIssuer).settled();
    await new Promise<void>((resolve) => {
      const look = setInterval(() => mailer().status.failures > 0 && (clearInterval(look), resolve()), 5);
    });
    await app.restart();
    await inbox.start();
    await issueAndMail();
    const later = inbox.messages.slice(before);
    expect(later.map((m) => to(m)).sort()).toEqual(['advisor@uni.example', 'amal@uni.example', 'later@student.example']);
    await app.restart();
    await issueAndMail();
    expect(inbox.messages.length).toBe(before + 3);
  });
});
