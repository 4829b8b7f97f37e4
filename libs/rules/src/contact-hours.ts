import { isAttended, isShortVirtualClass } from './item-outcome';
import type { Item, ItemFact, JoinFact, MarkFact, Section } from './model';
import { byOccurrence } from './outcomes/kind-outcome';
import { connectedIntervals, unionLength } from './outcomes/virtual-class';
import type { Policy } from './policy';
import { Finding, sectionFindings } from './section-checks';

/**
 * Electronic contact hours of one section (NR Art. 8.4, R14), at a moment `now`: what was planned
 * synchronously, what was held, cancelled or too short (R8), what was published for the other
 * kinds, the share of units taught synchronously (R13) and each student's contact time. Every
 * figure is added in whole seconds; minutes and hours are rounded only when shown.
 */

/** cancelled; held (started, and an instructor was connected within it); not-held (over, and no instructor was); pending (not over, no instructor yet). */
export type VirtualClassState = 'held' | 'not-held' | 'pending' | 'cancelled';

export interface ContactTally {
  count: number;
  seconds: number;
}

export interface ClassContact {
  itemId: string;
  unit?: string;
  startsAt: number;
  endsAt: number;
  scheduledSeconds: number;
  state: VirtualClassState;
  /** Shorter than minVirtualClassMinutes (R8): shown, and not counted for attendance. */
  short: boolean;
  /** The instructors connected at some point within the class, and the union of their connected time in it. */
  instructorsConnected: string[];
  instructorSeconds: number;
}

export interface StudentContact {
  studentId: string;
  /** Connected time in held virtual classes: per class the union of join→leave intervals within it. */
  virtualClassSeconds: number;
  /** Held virtual classes the student was connected in. */
  classesJoined: number;
  /** Scheduled time (up to now) of the classroom sessions whose latest mark is attended. */
  inPersonSeconds: number;
  inPersonSessions: number;
}

export interface ContactHours {
  classes: ClassContact[];
  virtualClasses: Record<'planned' | 'held' | 'notHeld' | 'pending' | 'cancelled' | 'short', ContactTally>;
  /** Per instructor, the held classes they were connected in (a class held by two counts for each). */
  heldBy: Record<string, ContactTally>;
  /** Recorded lectures published: not cancelled and available by now (no startsAt, or startsAt passed); seconds of their length. */
  recordedLectures: ContactTally;
  /** E-activities set: not cancelled and available by now. */
  eActivities: { count: number };
  /** Units of the items not cancelled; synchronous when planned with a virtual class, or when one of their classes long enough to count (R8) was held. */
  units: { total: number; synchronousPlanned: number; synchronousHeld: number };
  students: StudentContact[];
  /** The section's R8 and R13 findings (section-checks). */
  findings: Finding[];
}

export interface ContactHoursInput {
  section: Section;
  policy: Policy;
  items: Item[];
  /** Each instructor's facts in the section: their own joins and leaves, recorded with the instructor as `studentId`. */
  instructors: Array<{ instructorId: string; facts: ItemFact[] }>;
  /** Each enrolled student's facts. */
  students: Array<{ studentId: string; facts: ItemFact[] }>;
  now: number;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const tally = (): ContactTally => ({ count: 0, seconds: 0 });
const add = (t: ContactTally, s: number) => {
  t.count++;
  t.seconds += s;
};

/** Hours to two decimals, half up, from whole seconds (a hundredth of an hour is 36 s). */
export const hoursOf = (secs: number): number => Math.round(secs / 36) / 100;
/** Whole minutes, half up, from whole seconds. */
export const minutesOf = (secs: number): number => Math.round(secs / 60);
/** `part` of `whole` in percent to two decimals; null for an empty whole. */
export const sharePercent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 10_000) / whole) / 100);

type Interval = [number, number];

/** One person's join→leave intervals in a class, as the rules count a student's (rules §4), up to `now`. */
function intervalsIn(item: Item, joins: JoinFact[], now: number): Interval[] {
  const until = Math.min(item.endsAt!, now);
  if (until <= item.startsAt! || joins.length === 0) return [];
  return connectedIntervals(joins, until).map(([a, b]): Interval => [Math.max(a, item.startsAt!), Math.min(b, until)]).filter(([a, b]) => b > a);
}

/** A person's joins and leaves, by item. */
function joinsByItem(facts: ItemFact[]): Map<string, JoinFact[]> {
  const byItem = new Map<string, JoinFact[]>();
  for (const f of facts) {
    if (f.type !== 'virtual-class.joined' && f.type !== 'virtual-class.left') continue;
    const list = byItem.get(f.itemId);
    if (list) list.push(f);
    else byItem.set(f.itemId, [f]);
  }
  return byItem;
}

const available = (item: Item, now: number) => !item.cancelled && (item.startsAt === undefined || item.startsAt <= now);

export function contactHours({ section, policy, items, instructors, students, now }: ContactHoursInput): ContactHours {
  const virtual = items.filter((i) => i.kind === 'virtualClass').sort((a, b) => a.startsAt! - b.startsAt! || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const instructorJoins = instructors.map(({ instructorId, facts }) => ({ instructorId, byItem: joinsByItem(facts) }));
  const figures = { planned: tally(), held: tally(), notHeld: tally(), pending: tally(), cancelled: tally(), short: tally() };
  const heldBy: Record<string, ContactTally> = Object.fromEntries(instructors.map((i) => [i.instructorId, tally()]));

  const classes = virtual.map((item): ClassContact => {
    const scheduledSeconds = seconds(item.endsAt! - item.startsAt!);
    // A cancelled class is left out everywhere (rules §4), whoever joined it.
    const connected = item.cancelled ? [] : instructorJoins.map(({ instructorId, byItem }) => ({ instructorId, intervals: intervalsIn(item, byItem.get(item.itemId) ?? [], now) })).filter((c) => c.intervals.length > 0);
    const instructorSeconds = seconds(unionLength(connected.flatMap((c) => c.intervals), item.startsAt!, item.endsAt!));
    const short = !item.cancelled && isShortVirtualClass(item, policy);
    const state: VirtualClassState = item.cancelled ? 'cancelled' : connected.length > 0 ? 'held' : item.endsAt! <= now ? 'not-held' : 'pending';
    if (state === 'cancelled') add(figures.cancelled, scheduledSeconds);
    else {
      add(figures.planned, scheduledSeconds);
      add(figures[state === 'held' ? 'held' : state === 'not-held' ? 'notHeld' : 'pending'], scheduledSeconds);
      if (short) add(figures.short, scheduledSeconds);
    }
    if (state === 'held') for (const c of connected) add(heldBy[c.instructorId], scheduledSeconds);
    return { itemId: item.itemId, unit: item.unit, startsAt: item.startsAt!, endsAt: item.endsAt!, scheduledSeconds, state, short, instructorsConnected: connected.map((c) => c.instructorId), instructorSeconds };
  });

  const recordedLectures = tally();
  for (const item of items) if (item.kind === 'recordedLecture' && available(item, now)) add(recordedLectures, (item.durationMinutes ?? 0) * 60);
  const eActivities = { count: items.filter((i) => i.kind === 'eActivity' && available(i, now)).length };

  const heldItems = virtual.filter((_, i) => classes[i].state === 'held');
  const units = new Map<string, { planned: boolean; held: boolean }>();
  for (const item of items) {
    if (item.cancelled || item.unit === undefined) continue;
    const unit = units.get(item.unit) ?? { planned: false, held: false };
    if (item.kind === 'virtualClass') unit.planned = true;
    units.set(item.unit, unit);
  }
  for (const c of classes) if (c.state === 'held' && c.unit !== undefined && !c.short) units.get(c.unit)!.held = true;

  const inPerson = items.filter((i) => i.kind === 'inPerson' && !i.cancelled && i.startsAt! <= now);
  const studentFigures = [...students]
    .sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0))
    .map(({ studentId, facts }): StudentContact => {
      const byItem = joinsByItem(facts);
      let virtualClassSeconds = 0;
      let classesJoined = 0;
      for (const item of heldItems) {
        const connected = seconds(unionLength(intervalsIn(item, byItem.get(item.itemId) ?? [], now), item.startsAt!, item.endsAt!));
        virtualClassSeconds += connected;
        if (connected > 0) classesJoined++;
      }
      const latestMarks = new Map<string, MarkFact>();
      for (const f of facts) {
        if (f.type !== 'in-person.marked') continue;
        const before = latestMarks.get(f.itemId);
        if (!before || byOccurrence(before, f) < 0) latestMarks.set(f.itemId, f);
      }
      let inPersonSeconds = 0;
      let inPersonSessions = 0;
      for (const item of inPerson) {
        const latest = latestMarks.get(item.itemId);
        if (!latest || !isAttended(latest.status, policy)) continue;
        inPersonSeconds += seconds(Math.min(item.endsAt!, now) - item.startsAt!);
        inPersonSessions++;
      }
      return { studentId, virtualClassSeconds, classesJoined, inPersonSeconds, inPersonSessions };
    });

  const findings = sectionFindings(section, policy, items, students.length, new Set(), now).filter((f) => f.rule === 'R8' || f.rule === 'R13');
  return {
    classes,
    virtualClasses: figures,
    heldBy,
    recordedLectures,
    eActivities,
    units: { total: units.size, synchronousPlanned: [...units.values()].filter((u) => u.planned).length, synchronousHeld: [...units.values()].filter((u) => u.held).length },
    students: studentFigures,
    findings,
  };
}
