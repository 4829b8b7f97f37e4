/**
 * A term whose schedule lies in the past when it is loaded, as a mid-term LMS sync brings it:
 * the items first, the facts afterwards. Each student attends everything but what they skip.
 */
export type Body = Record<string, unknown>;

export interface PastSection {
  sectionId: string;
  section: Body;
  items: Array<[string, Body]>;
  /** Per student, the items they skip. */
  skips: Record<string, string[]>;
}

const day = (n: number) => `2026-09-${String(6 + n).padStart(2, '0')}`;

/** Four weeks, one of each kind the level counts, a day apart; times in Riyadh. */
export function pastSection(sectionId: string, level: 'blended' | 'online', skips: Record<string, string[]>, policy: Body = {}): PastSection {
  const items = [0, 1, 2, 3].flatMap((w): Array<[string, Body]> => {
    const d = day(7 * w);
    const week: Array<[string, Body]> = [
      [`vc${w + 1}`, { kind: 'virtualClass', startsAt: `${d}T08:00:00+03:00`, endsAt: `${d}T09:30:00+03:00`, unit: `u${w + 1}` }],
      [`ea${w + 1}`, { kind: 'eActivity', dueAt: `${d}T23:59:00+03:00`, unit: `u${w + 1}` }],
    ];
    if (level === 'blended') {
      week.push([`ip${w + 1}`, { kind: 'inPerson', startsAt: `${d}T10:00:00+03:00`, endsAt: `${d}T11:00:00+03:00`, unit: `u${w + 1}` }]);
      week.push([`rl${w + 1}`, { kind: 'recordedLecture', durationMinutes: 40, dueAt: `${d}T23:59:00+03:00`, unit: `u${w + 1}` }]);
    }
    return week;
  });
  const section = { termId: '1448-1', courseCode: sectionId, level, ...(level === 'blended' ? { inPersonSharePercent: 50 } : {}), policy };
  return { sectionId, section, items, skips };
}

/** What a student does for one item when they attend it. */
function attend(sectionId: string, studentId: string, itemId: string, body: Body): Body[] {
  const base = { sectionId, studentId, itemId };
  const id = (suffix: string) => `${sectionId}-${studentId}-${itemId}-${suffix}`;
  switch (body.kind) {
    case 'virtualClass':
      return [
        { ...base, id: id('join'), type: 'virtual-class.joined', occurredAt: body.startsAt },
        { ...base, id: id('leave'), type: 'virtual-class.left', occurredAt: body.endsAt },
      ];
    case 'inPerson':
      return [{ ...base, id: id('mark'), type: 'in-person.marked', occurredAt: body.startsAt, status: 'present' }];
    case 'recordedLecture':
      return [{ ...base, id: id('view'), type: 'recorded-lecture.viewed', occurredAt: String(body.dueAt).replace('23:59', '20:00'), progress: 0.95 }];
    default:
      return [{ ...base, id: id('submit'), type: 'e-activity.submitted', occurredAt: String(body.dueAt).replace('23:59', '12:00') }];
  }
}

export const factsOf = (s: PastSection): Body[] =>
  Object.entries(s.skips).flatMap(([studentId, skipped]) =>
    s.items.filter(([itemId]) => !skipped.includes(itemId)).flatMap(([itemId, body]) => attend(s.sectionId, studentId, itemId, body)),
  );

/** The same shuffle for the same seed, so a failing order can be run again. */
export function shuffled<T>(values: T[], seed: number): T[] {
  const out = [...values];
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
