import { isActive } from '@attendance/domain';
import { contactHours, ContactHours, ContactTally, hoursOf, minutesOf, sharePercent } from '@attendance/rules';
import type { AttendanceReader } from '../projection/attendance-reader';

/**
 * The contact-hours answers (NR Art. 8.4) shaped from the rules' figures: a section's in full
 * (its classes and its students), a section as one row of a term or an instructor, and the
 * totals of rows. Durations are added in whole seconds and shown as { seconds, minutes, hours }.
 */

const duration = (seconds: number) => ({ seconds, minutes: minutesOf(seconds), hours: hoursOf(seconds) });
export const tally = (t: ContactTally) => ({ count: t.count, ...duration(t.seconds) });
const iso = (ms: number) => new Date(ms).toISOString();

const TALLIES = ['planned', 'held', 'notHeld', 'pending', 'cancelled', 'short'] as const;
type Tallies = Record<(typeof TALLIES)[number], ContactTally>;

/** What a row of a term or an instructor holds, as sums that add up across sections. */
export interface RowSums {
  virtualClasses: Tallies;
  recordedLectures: ContactTally;
  eActivities: number;
  units: { total: number; synchronousPlanned: number; synchronousHeld: number };
  enrollments: number;
  attendedSeconds: number;
}

/** The sums shown: each tally with minutes and hours, the unit shares and the students' contact time in total and on average. */
export function shownSums(s: RowSums) {
  return {
    virtualClasses: Object.fromEntries(TALLIES.map((k) => [k, tally(s.virtualClasses[k])])) as Record<(typeof TALLIES)[number], ReturnType<typeof tally>>,
    recordedLectures: tally(s.recordedLectures),
    eActivities: { count: s.eActivities },
    units: { ...s.units, synchronousPlannedPercent: sharePercent(s.units.synchronousPlanned, s.units.total), synchronousHeldPercent: sharePercent(s.units.synchronousHeld, s.units.total) },
    studentContact: { enrollments: s.enrollments, total: duration(s.attendedSeconds), mean: duration(s.enrollments === 0 ? 0 : Math.floor(s.attendedSeconds / s.enrollments)) },
  };
}

export function addSums(rows: RowSums[]): RowSums {
  const zero = (): ContactTally => ({ count: 0, seconds: 0 });
  const total: RowSums = { virtualClasses: Object.fromEntries(TALLIES.map((k) => [k, zero()])) as Tallies, recordedLectures: zero(), eActivities: 0, units: { total: 0, synchronousPlanned: 0, synchronousHeld: 0 }, enrollments: 0, attendedSeconds: 0 };
  for (const r of rows) {
    for (const k of TALLIES) {
      total.virtualClasses[k].count += r.virtualClasses[k].count;
      total.virtualClasses[k].seconds += r.virtualClasses[k].seconds;
    }
    total.recordedLectures.count += r.recordedLectures.count;
    total.recordedLectures.seconds += r.recordedLectures.seconds;
    total.eActivities += r.eActivities;
    total.units.total += r.units.total;
    total.units.synchronousPlanned += r.units.synchronousPlanned;
    total.units.synchronousHeld += r.units.synchronousHeld;
    total.enrollments += r.enrollments;
    total.attendedSeconds += r.attendedSeconds;
  }
  return total;
}

const sumsOf = (f: ContactHours): RowSums => ({
  virtualClasses: f.virtualClasses,
  recordedLectures: f.recordedLectures,
  eActivities: f.eActivities.count,
  units: f.units,
  enrollments: f.students.length,
  attendedSeconds: f.students.reduce((sum, s) => sum + s.virtualClassSeconds, 0),
});

/** One section's figures at `now`: its instructors' own joins decide which classes were held. */
export async function sectionContactHours(reader: AttendanceReader, sectionId: string, now: number) {
  const view = await reader.view(sectionId);
  const state = view.state;
  const d = state.definition!;
  const policy = reader.policyAt(state, now).policy;
  const figures = contactHours({
    section: state.section,
    policy,
    items: [...state.items.values()],
    instructors: d.instructors.map((instructorId) => ({ instructorId, facts: view.factsOf(instructorId) })),
    students: [...state.enrollments.values()].filter(isActive).map((e) => ({ studentId: e.studentId, facts: view.factsOf(e.studentId) })),
    now,
  });
  const head = { sectionId, termId: d.termId, courseCode: d.courseCode, title: d.title ?? null, level: d.level, college: d.college ?? null, department: d.department ?? null, instructors: d.instructors };
  const sums = sumsOf(figures);
  /** The section as a row of a term or an instructor: no student is named in it. */
  const row = { ...head, ...shownSums(sums), heldByInstructor: Object.fromEntries(Object.entries(figures.heldBy).map(([id, t]) => [id, tally(t)])), findings: figures.findings };
  /** The section in full: every virtual class and every student's contact time. */
  const full = {
    ...row,
    asOf: iso(now),
    minVirtualClassMinutes: policy.minVirtualClassMinutes,
    classes: figures.classes.map((c) => ({
      itemId: c.itemId,
      title: state.items.get(c.itemId)?.title ?? null,
      unit: c.unit ?? null,
      startsAt: iso(c.startsAt),
      endsAt: iso(c.endsAt),
      scheduled: duration(c.scheduledSeconds),
      state: c.state,
      short: c.short,
      instructorsConnected: c.instructorsConnected,
      instructorConnected: duration(c.instructorSeconds),
    })),
    students: figures.students.map((s) => ({
      studentId: s.studentId,
      virtualClass: { classesJoined: s.classesJoined, ...duration(s.virtualClassSeconds) },
      inPerson: { sessions: s.inPersonSessions, ...duration(s.inPersonSeconds) },
    })),
  };
  return { row, full, sums, heldBy: figures.heldBy };
}

export type SectionContactHours = Awaited<ReturnType<typeof sectionContactHours>>;
