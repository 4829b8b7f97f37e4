import type { Component, Status } from '@attendance/rules';

/** The service's own wording of a notice, in Arabic and English, made from the notice's data. */
export interface NoticeWords {
  kind: 'warning-1' | 'warning-2' | 'deprived' | 'lifted' | 'consecutive-absences' | 'excuse-forwarded' | 'excuse-accepted' | 'excuse-rejected' | 'excuse-revoked';
  status: Status;
  from?: Status;
  sectionId: string;
  components: Partial<Record<Component, { absencePercent: number; limitPercent: number }>>;
  causes: Component[];
  streak?: { component: Component; items: string[] };
  excuse?: { requestId: string; itemIds: string[]; reason?: string };
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
  if (notice.kind.startsWith('excuse-')) return excuseMessage(notice, section);
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

/** A step of the student's excuse request, and where it leaves them. */
function excuseMessage(notice: NoticeWords, section: { en: string; ar: string }): { ar: string; en: string } {
  const items = notice.excuse?.itemIds.length ?? 0;
  const because = (text: string) => (notice.excuse?.reason ? text.replace('%', () => notice.excuse!.reason!) : '');
  const standing = { en: `Your status is now ${STATUS[notice.status].en}.`, ar: `حالتك الآن ${STATUS[notice.status].ar}.` };
  switch (notice.kind) {
    case 'excuse-forwarded':
      return {
        en: `Your excuse request in section ${section.en} was passed by the department council to the college council, which decides it.`,
        ar: `أحال مجلس القسم طلب عذرك في الشعبة ${section.ar} إلى مجلس الكلية للبت فيه.`,
      };
    case 'excuse-accepted':
      return {
        en: `Your excuse in section ${section.en} was accepted: ${en.format(items)} item${items === 1 ? '' : 's'} no longer count as absent. ${standing.en}`,
        ar: `قُبل عذرك في الشعبة ${section.ar}: لم يعد ${ar.format(items)} من البنود محسوبًا غيابًا. ${standing.ar}`,
      };
    case 'excuse-rejected':
      return {
        en: `Your excuse request in section ${section.en} was rejected${because(': %')}. ${standing.en}`,
        ar: `رُفض طلب عذرك في الشعبة ${section.ar}${because(': %')}. ${standing.ar}`,
      };
    default:
      return {
        en: `Your accepted excuse in section ${section.en} was revoked${because(': %')}; its items count as they were recorded. ${standing.en}`,
        ar: `أُلغي قبول عذرك في الشعبة ${section.ar}${because(': %')}؛ وتُحتسب بنوده كما سُجّلت. ${standing.ar}`,
      };
  }
}
