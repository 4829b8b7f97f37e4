/** A small blended term worked out by hand; times in Riyadh (+03:00). */
export const SECTION = 'CS101-BL';
const week = (n: number) => `2026-09-${String(6 + 7 * n).padStart(2, '0')}`.replace('2026-09-34', '2026-10-04').replace('2026-09-27', '2026-09-27');

export const sectionBody = { termId: '1448-1', courseCode: 'CS101', title: 'Programming 1', level: 'blended', inPersonSharePercent: 50, instructors: ['dr-huda'] };

/** Four of each kind: virtual classes of 90 min, classroom sessions of 60 min, lectures and activities due weekly. */
export const items: Array<[string, Record<string, unknown>]> = [0, 1, 2, 3].flatMap((n) => {
  const day = week(n);
  return [
    [`vc${n + 1}`, { kind: 'virtualClass', startsAt: `${day}T08:00:00+03:00`, endsAt: `${day}T09:30:00+03:00`, unit: `u${n + 1}` }],
    [`ip${n + 1}`, { kind: 'inPerson', startsAt: `${day}T10:00:00+03:00`, endsAt: `${day}T11:00:00+03:00`, unit: `u${n + 1}` }],
    [`rl${n + 1}`, { kind: 'recordedLecture', durationMinutes: 40, dueAt: `${day}T23:59:00+03:00`, unit: `u${n + 1}` }],
    [`ea${n + 1}`, { kind: 'eActivity', dueAt: `${day}T23:59:00+03:00`, unit: `u${n + 1}` }],
  ] as Array<[string, Record<string, unknown>]>;
});

export const students = ['ali', 'badr', 'chadi', 'eve'];

/** Everything a diligent student does for item `itemId`. */
function attend(studentId: string, itemId: string, body: Record<string, unknown>): Array<Record<string, unknown>> {
  const base = { sectionId: SECTION, studentId, itemId };
  const id = (suffix: string) => `${studentId}-${itemId}-${suffix}`;
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

/** What each student skips: badr one virtual class (exactly 25%), chadi two activities (50%), eve three (75%). */
export const skips: Record<string, string[]> = { ali: [], badr: ['vc1'], chadi: ['ea1', 'ea2'], eve: ['ea1', 'ea2', 'ea3'] };

export const facts = students.flatMap((s) => items.filter(([itemId]) => !skips[s].includes(itemId)).flatMap(([itemId, body]) => attend(s, itemId, body)));

export const afterTerm = '2026-10-15T00:00:00Z';
