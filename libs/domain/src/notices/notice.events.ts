import { ITEM_KINDS } from '@attendance/rules';
import type { Component, Status } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';
import { checker, Id, Instant, OneOf } from '../schema';
import { noticeMessage } from './notice-message';

const STATUSES = ['good', 'warning-1', 'warning-2', 'deprived', 'waived'] as const satisfies readonly Status[];
/** The contract's four, escalation, and the steps of a student's excuse request that the student hears of. */
export const EXCUSE_NOTICE_KINDS = ['excuse-forwarded', 'excuse-accepted', 'excuse-rejected', 'excuse-revoked'] as const;
export const NOTICE_KINDS = ['warning-1', 'warning-2', 'deprived', 'lifted', 'consecutive-absences', ...EXCUSE_NOTICE_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const Figures = Type.Object({
  absencePercent: Type.Number(),
  limitPercent: Type.Number(),
  absent: Type.Optional(Type.Number()),
  planned: Type.Optional(Type.Number()),
  allowance: Type.Optional(Type.Number()),
});
/** One component's figures when the notice was issued: absence against the limit, and what remains allowed. */
export type NoticeFigures = Static<typeof Figures>;

const NoticeRecordedSchema = Type.Object({
  sectionId: Id(),
  studentId: Id(),
  kind: OneOf(NOTICE_KINDS),
  /** The status the notice tells about; for lifted, the status fallen back to. */
  status: OneOf(STATUSES),
  /** For lifted: the status that was lifted. */
  from: Type.Optional(OneOf(STATUSES)),
  issuedAt: Instant(),
  components: Type.Partial(Type.Record(OneOf(ITEM_KINDS), Figures)),
  /** The components the notice is about (those that reached the level); empty for lifted. */
  causes: Type.Array(OneOf(ITEM_KINDS)),
  message: Type.Object({ ar: Type.String(), en: Type.String() }),
  /** For consecutive-absences: the component and the items missed in a row (the first names the streak). */
  streak: Type.Optional(Type.Object({ component: OneOf(ITEM_KINDS), items: Type.Array(Type.String(), { minItems: 1 }) })),
  /** For the excuse kinds: the request, its items, and the council's reason (for a rejection or revocation). */
  excuse: Type.Optional(Type.Object({ requestId: Type.String(), itemIds: Type.Array(Type.String()), reason: Type.Optional(Type.String()) })),
});
/** A warning, deprivation or lifted notice told to one enrollment (rules I6, I6a), as data. */
export type NoticeRecorded = Omit<Static<typeof NoticeRecordedSchema>, 'components'> & { components: Partial<Record<Component, NoticeFigures>> };

/** How the first version wrote a notice: one English sentence and the absence percents alone. */
const FirstVersion = Type.Object({
  sectionId: Id(),
  studentId: Id(),
  kind: OneOf(NOTICE_KINDS),
  status: OneOf(STATUSES),
  from: Type.Optional(OneOf(STATUSES)),
  at: Instant(),
  absencePercents: Type.Partial(Type.Record(OneOf(ITEM_KINDS), Type.Number())),
});

const current = checker(NoticeRecordedSchema);
const firstVersion = checker(FirstVersion);

export const NOTICE_RECORDED = 'NoticeRecorded';

/** A stored notice in today's shape, or why it cannot be read. Notices of the first version are upcast. */
export function readNotice(data: unknown): NoticeRecorded | { problem: string } {
  if (current.check(data)) return data as NoticeRecorded;
  if (!firstVersion.check(data)) return { problem: current.problems(data).join('; ') };
  const { at, ...rest } = data;
  const absencePercents = data.absencePercents as Record<string, number>;
  // The first version kept no limit: the rules' default limit (25%) is what it applied unless a section said otherwise.
  const components = Object.fromEntries(Object.entries(absencePercents).map(([c, absencePercent]) => [c, { absencePercent, limitPercent: 25 }]));
  const causes = rest.kind === 'lifted' ? [] : (Object.entries(absencePercents).sort((a, b) => b[1] - a[1]).slice(0, 1).map(([c]) => c) as Component[]);
  const { absencePercents: _, ...kept } = rest;
  const notice = { ...kept, issuedAt: at, components, causes };
  return { ...notice, message: noticeMessage(notice) };
}

/**
 * The stream of one enrollment's notices, with both ids written as JSON so no two enrollments
 * share one: section "A-B" with student "C" and section "A" with student "B-C" differ.
 */
export const noticeStream = (sectionId: string, studentId: string) => `notices-${JSON.stringify([sectionId, studentId])}`;

/** The stream of one enrollment's consecutive-absences notices (escalation), one per streak by its first item. */
export const streakNoticeStream = (sectionId: string, studentId: string) => `streak-notices-${JSON.stringify([sectionId, studentId])}`;

/** The stream of one enrollment's notices of excuse decisions; each step is told once (its id names the request and the step). */
export const excuseNoticeStream = (sectionId: string, studentId: string) => `excuse-notices-${JSON.stringify([sectionId, studentId])}`;
