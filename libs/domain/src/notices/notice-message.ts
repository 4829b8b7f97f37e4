import type { Component, Status } from '@attendance/rules';

/** The service's own wording of a notice, in Arabic and English, made from the notice's data. */
export interface NoticeWords {
  kind: 'warning-1' | 'warning-2' | 'deprived' | 'lifted' | 'consecutive-absences';
  status: Status;
  from?: Status;
  sectionId: string;
  components: Partial<Record<Component, { absencePercent: number; limitPercent: number }>>;
  causes: Component[];
  streak?: { component: Component; items: string[] };
}

const COMPONENT: Record<Component, { en: string; ar: string }> = {
  virtualClass: { en: 'virtual classes', ar: 'الفصول الافتراضية' },
  recordedLecture: { en: 'recorded lectures', ar: 'المحاضرات المسجلة' },
  eActivity: { en: 'e-activities', ar: 'الأنشطة الإلكترونية' },
  inPerson: { en: 'classroom sessions', ar: 'المحاضرات الحضورية' },
};
const STATUS: Record<Status, { en: string; ar: string }> = {
  good: { en: 'good', ar: 'منتظم' },
  'warning-1': { en: 'first warning', ar: 'إنذار أول' },
  'warning-2': { en: 'second warning', ar: 'إنذار ثانٍ' },
  deprived: { en: 'deprived', ar: 'محروم' },
  waived: { en: 'deprivation waived', ar: 'رُفع الحرمان' },
};
const LIFTED: Partial<Record<Status, { en: string; ar: string }>> = {
  'warning-1': { en: 'first warning', ar: 'الإنذار الأول' },
  'warning-2': { en: 'second warning', ar: 'الإنذار الثاني' },
  deprived: { en: 'deprivation', ar: 'الحرمان' },
};

const en = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const ar = new Intl.NumberFormat('ar-SA', { maximumFractionDigits: 2 });
/** "a, b, and c"; "أ وب وج". */
const andEn = new Intl.ListFormat('en', { type: 'conjunction' });
const andAr = new Intl.ListFormat('ar', { type: 'conjunction' });
/** An id inside Arabic text, isolated so its Latin letters and dashes keep their order. */
const isolate = (id: string) => `\u2068${id}\u2069`;

export function noticeMessage(notice: NoticeWords): { ar: string; en: string } {
  const section = { en: notice.sectionId, ar: isolate(notice.sectionId) };
  if (notice.kind === 'lifted') {
    const from = LIFTED[notice.from ?? 'deprived'] ?? LIFTED.deprived!;
    return {
      en: `The ${from.en} in section ${section.en} is lifted: your status is now ${STATUS[notice.status].en}.`,
      ar: `رُفع ${from.ar} في الشعبة ${section.ar}: حالتك الآن ${STATUS[notice.status].ar}.`,
    };
  }
  if (notice.kind === 'consecutive-absences') {
    const streak = notice.streak ?? { component: notice.causes[0] ?? 'virtualClass', items: [] };
    return {
      en: `You have missed ${en.format(streak.items.length)} ${COMPONENT[streak.component].en} in a row in section ${section.en}. Talk to your instructor or advisor before your absence reaches the limit.`,
      ar: `غبت عن ${ar.format(streak.items.length)} من ${COMPONENT[streak.component].ar} على التوالي في الشعبة ${section.ar}. تواصل مع أستاذ المقرر أو مرشدك قبل أن يبلغ غيابك الحد المسموح.`,
    };
  }
  const figures = notice.causes.map((c) => ({ component: c, absence: notice.components[c]?.absencePercent ?? 0 }));
  const limit = notice.components[notice.causes[0]]?.limitPercent ?? 25;
  const listEn = andEn.format(figures.map((f) => `${en.format(f.absence)}% in ${COMPONENT[f.component].en}`));
  const listAr = andAr.format(figures.map((f) => `${ar.format(f.absence)}٪ في ${COMPONENT[f.component].ar}`));
  if (notice.kind === 'deprived') {
    return {
      en: `You are deprived (محروم) of the final exam in section ${section.en}: your absence ${figures.length ? `is ${listEn}, ` : 'is '}above the ${en.format(limit)}% limit.`,
      ar: `حُرمت من دخول الاختبار النهائي في الشعبة ${section.ar}: ${figures.length ? `بلغ غيابك ${listAr}، متجاوزًا` : 'تجاوز غيابك'} الحد المسموح ${ar.format(limit)}٪.`,
    };
  }
  const [ordinalEn, ordinalAr] = notice.kind === 'warning-1' ? ['First', 'إنذار أول'] : ['Second', 'إنذار ثانٍ'];
  return {
    en: `${ordinalEn} warning in section ${section.en}${figures.length ? `: your absence has reached ${listEn}` : ''}. Above ${en.format(limit)}% you are deprived (محروم) of the final exam.`,
    ar: `${ordinalAr} في الشعبة ${section.ar}${figures.length ? `: بلغ غيابك ${listAr}` : ''}. إذا تجاوز الغياب ${ar.format(limit)}٪ حُرمت من دخول الاختبار النهائي.`,
  };
}
