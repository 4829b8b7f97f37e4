import type { Component } from '@attendance/rules';
import type { Language, NoticeRecorded, RecipientRole } from '@attendance/domain';

/** An item the student missed, as the message lists it. */
export interface MissedItem {
  itemId: string;
  component: Component;
  title?: string;
  /** When it was held or due (ISO). */
  at?: string;
}

export interface NoticeMailInput {
  notice: NoticeRecorded;
  section: { courseCode: string; title?: string; timezone: string };
  missed: MissedItem[];
  language: Language;
  role: RecipientRole;
  /** Whether classes (virtual and in person) are measured in minutes (policy timedItemWeight), else in items. */
  classesInMinutes: boolean;
  /** Where the student sees their record. */
  dashboardUrl: string;
}

export interface NoticeMail {
  subject: string;
  text: string;
  html: string;
}

const COMPONENT: Record<Component, Record<Language, string>> = {
  virtualClass: { en: 'Virtual classes', ar: 'الفصول الافتراضية' },
  recordedLecture: { en: 'Recorded lectures', ar: 'المحاضرات المسجلة' },
  eActivity: { en: 'E-activities', ar: 'الأنشطة الإلكترونية' },
  inPerson: { en: 'Classroom sessions', ar: 'المحاضرات الحضورية' },
};
const TITLE: Record<NoticeRecorded['kind'], Record<Language, string>> = {
  'warning-1': { en: 'First attendance warning', ar: 'إنذار أول بالغياب' },
  'warning-2': { en: 'Second attendance warning', ar: 'إنذار ثانٍ بالغياب' },
  deprived: { en: 'Deprivation from the final exam', ar: 'الحرمان من دخول الاختبار النهائي' },
  lifted: { en: 'Attendance notice lifted', ar: 'رفع إشعار الغياب' },
  'consecutive-absences': { en: 'Consecutive absences', ar: 'غياب متتالٍ' },
  'excuse-forwarded': { en: 'Excuse request passed to the college council', ar: 'إحالة طلب العذر إلى مجلس الكلية' },
  'excuse-accepted': { en: 'Excuse accepted', ar: 'قبول العذر' },
  'excuse-rejected': { en: 'Excuse request rejected', ar: 'رفض طلب العذر' },
  'excuse-revoked': { en: 'Accepted excuse revoked', ar: 'إلغاء قبول العذر' },
};
const WORDS = {
  en: {
    dear: 'Dear student,',
    copy: (studentId: string) => `A copy for you of the notice sent to student ${studentId}.`,
    section: 'Section',
    component: 'Component',
    absence: 'Absence so far',
    limit: 'Limit',
    allowance: 'Still allowed',
    absentOf: (absent: number, planned: number, minutes: boolean) => `${absent} of ${planned} ${minutes ? 'minutes' : 'items'} planned`,
    more: (n: number, minutes: boolean) => (n === 0 ? 'nothing more' : `${n} more ${minutes ? 'minute' : 'item'}${n === 1 ? '' : 's'}`),
    missed: 'What was missed',
    none: 'No item is listed.',
    excuse:
      'If you missed these for an accepted reason (an illness, a bereavement, an official task), submit an excuse with its documents to your department: once the department or college council accepts it, the absence no longer counts.',
    dashboard: 'Your attendance, item by item:',
    footer: 'This message was sent by the attendance service. Do not reply to it.',
  },
  ar: {
    dear: 'عزيزي الطالب، عزيزتي الطالبة،',
    copy: (studentId: string) => `نسخة لكم من الإشعار المرسل إلى الطالب ${isolate(studentId)}.`,
    section: 'الشعبة',
    component: 'المكوّن',
    absence: 'الغياب حتى الآن',
    limit: 'الحد المسموح',
    allowance: 'المتبقي المسموح',
    absentOf: (absent: number, planned: number, minutes: boolean) => `${num('ar', absent)} من ${num('ar', planned)} ${minutes ? 'دقيقة' : 'بندًا'} مخططًا لها`,
    more: (n: number, minutes: boolean) => (n === 0 ? 'لا شيء' : `${num('ar', n)} ${minutes ? 'دقيقة' : 'بندًا'} أخرى`),
    missed: 'ما فاتك',
    none: 'لا توجد بنود.',
    excuse: 'إن كان غيابك لعذر مقبول (مرض أو وفاة قريب أو مهمة رسمية)، فقدّم عذرك مع مستنداته إلى القسم؛ فإذا قبله مجلس القسم أو الكلية لم يُحتسب الغياب.',
    dashboard: 'حضورك بندًا بندًا:',
    footer: 'أُرسلت هذه الرسالة من خدمة الحضور، فلا تردّ عليها.',
  },
} as const;

/** An id inside Arabic text, isolated so its Latin letters and dashes keep their order. */
const isolate = (id: string) => `\u2068${id}\u2069`;
const percent = (language: Language, value: number) => `${num(language, value)}${language === 'ar' ? '٪' : '%'}`;
const num = (language: Language, value: number) => new Intl.NumberFormat(language === 'ar' ? 'ar-SA' : 'en', { maximumFractionDigits: 2 }).format(value);

/** A date with the Umm al-Qura Hijri date beside the Gregorian, in the section's time zone. */
export function bothCalendars(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone };
  const gregorian = new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA-u-ca-gregory' : 'en-GB', options).format(date);
  const hijri = new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA-u-ca-islamic-umalqura' : 'en-GB-u-ca-islamic-umalqura', options).format(date);
  return `${gregorian} (${hijri})`;
}

/** The message of a notice, in one language, as plain text and HTML. */
export function renderNoticeMail(input: NoticeMailInput): NoticeMail {
  const { notice, section, language: lang } = input;
  const w = WORDS[lang];
  const kind = notice.kind;
  const sectionName = `${section.courseCode}${section.title ? ` — ${section.title}` : ''} (${lang === 'ar' ? isolate(notice.sectionId) : notice.sectionId})`;
  const subject = `${TITLE[kind][lang]}: ${sectionName}`;
  const opening = input.role === 'student' ? w.dear : w.copy(notice.studentId);
  const minutes = (c: Component) => input.classesInMinutes && (c === 'virtualClass' || c === 'inPerson');
  const rows = (Object.entries(notice.components) as Array<[Component, NonNullable<NoticeRecorded['components'][Component]>]>)
    // A component with nothing planned says nothing.
    .filter(([, f]) => f.planned !== 0)
    .map(([component, f]) => ({
      component: COMPONENT[component][lang],
      absence: `${percent(lang, f.absencePercent)}${f.absent !== undefined && f.planned !== undefined ? ` (${w.absentOf(f.absent, f.planned, minutes(component))})` : ''}`,
      limit: percent(lang, f.limitPercent),
      allowance: f.allowance === undefined ? '—' : w.more(f.allowance, minutes(component)),
    }));
  const missed = input.missed.map((m) => `${COMPONENT[m.component][lang]}: ${m.title ?? m.itemId}${m.at ? ` — ${bothCalendars(m.at, lang, section.timezone)}` : ''}`);
  const text = [
    opening,
    '',
    notice.message[lang],
    '',
    `${w.section}: ${sectionName}`,
    ...rows.map((r) => `- ${r.component}: ${[`${w.absence} ${r.absence}`, `${w.limit} ${r.limit}`, `${w.allowance} ${r.allowance}`].join(lang === 'ar' ? '؛ ' : '; ')}`),
    '',
    `${w.missed}:`,
    ...(missed.length ? missed.map((m) => `- ${m}`) : [w.none]),
    '',
    w.excuse,
    '',
    `${w.dashboard} ${input.dashboardUrl}`,
    '',
    w.footer,
  ].join('\n');
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const cell = (value: string, header = false) => `<${header ? 'th' : 'td'} style="border:1px solid #ccc;padding:6px 10px;text-align:start">${escape(value)}</${header ? 'th' : 'td'}>`;
  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:Tahoma,Arial,sans-serif;font-size:15px;line-height:1.6;color:#1a1a1a;max-width:640px;margin:auto;padding:16px">
<h1 style="font-size:20px">${escape(TITLE[kind][lang])}</h1>
<p>${escape(opening)}</p>
<p><strong>${escape(notice.message[lang])}</strong></p>
<p>${escape(w.section)}: ${escape(sectionName)}</p>
<table style="border-collapse:collapse;margin:12px 0">
<thead><tr>${[w.component, w.absence, w.limit, w.allowance].map((h) => cell(h, true)).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${[r.component, r.absence, r.limit, r.allowance].map((v) => cell(v)).join('')}</tr>`).join('')}</tbody>
</table>
<h2 style="font-size:16px">${escape(w.missed)}</h2>
${missed.length ? `<ul>${missed.map((m) => `<li>${escape(m)}</li>`).join('')}</ul>` : `<p>${escape(w.none)}</p>`}
<p>${escape(w.excuse)}</p>
<p>${escape(w.dashboard)} <a href="${escape(input.dashboardUrl)}">${escape(input.dashboardUrl)}</a></p>
<p style="color:#555;font-size:13px">${escape(w.footer)}</p>
</body></html>`;
  return { subject, text, html };
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
