import type { Level } from '@attendance/rules';

/** A simulated term for the demo: one section per level, students of varied diligence. Deterministic for a seed. */

export interface DemoSection {
  sectionId: string;
  body: Record<string, unknown>;
  items: Array<{ itemId: string; body: Record<string, unknown> }>;
  students: string[];
}

const DAY = 86_400_000;
const LEVELS: Array<[Level, string, string]> = [
  ['supporting', 'SUP-101', 'Arabic Writing'],
  ['evening-virtual', 'EVE-201', 'Statistics'],
  ['blended', 'BLD-301', 'Programming 1'],
  ['online', 'ONL-401', 'Islamic Culture'],
  ['distance-program', 'DST-501', 'Management Principles'],
];
const KINDS_BY_LEVEL: Record<Level, Array<'virtualClass' | 'inPerson' | 'recordedLecture' | 'eActivity'>> = {
  supporting: ['inPerson', 'inPerson', 'eActivity'],
  'evening-virtual': ['virtualClass', 'virtualClass'],
  blended: ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'],
  online: ['virtualClass', 'eActivity', 'recordedLecture'],
  'distance-program': ['virtualClass', 'eActivity'],
};

/** A small seeded generator (mulberry32), so the same seed gives the same term. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function simulatedTerm(now: number, studentsPerSection = 24, seed = 1448): { sections: DemoSection[]; facts: Array<Record<string, unknown>> } {
  const rand = random(seed);
  // The term started six weeks ago on a Sunday 08:00 Riyadh time (05:00Z) and lasts fifteen weeks.
  const sunday = new Date(now - 42 * DAY);
  sunday.setUTCDate(sunday.getUTCDate() - sunday.getUTCDay());
  sunday.setUTCHours(5, 0, 0, 0);
  const termStart = sunday.getTime();
  const sections: DemoSection[] = [];
  const facts: Array<Record<string, unknown>> = [];
  for (const [level, sectionId, title] of LEVELS) {
    const students = Array.from({ length: studentsPerSection }, (_, i) => `${sectionId.slice(0, 3).toLowerCase()}-s${String(i + 1).padStart(3, '0')}`);
    const diligence = new Map(students.map((s, i) => [s, 0.6 + (0.4 * (studentsPerSection - 1 - i)) / (studentsPerSection - 1)]));
    const items: DemoSection['items'] = [];
    for (let week = 0; week < 15; week++) {
      KINDS_BY_LEVEL[level].forEach((kind, k) => {
        const start = termStart + week * 7 * DAY + k * DAY;
        const itemId = `w${String(week + 1).padStart(2, '0')}-${kind}-${k}`;
        const body: Record<string, unknown> =
          kind === 'virtualClass' || kind === 'inPerson'
            ? { kind, startsAt: iso(start), endsAt: iso(start + 90 * 60_000), unit: `unit-${week + 1}`, title: `Week ${week + 1} ${kind === 'virtualClass' ? 'virtual class' : 'lecture'}` }
            : kind === 'recordedLecture'
              ? { kind, durationMinutes: 45, dueAt: iso(start + 6 * DAY), unit: `unit-${week + 1}`, title: `Week ${week + 1} recording` }
              : { kind, dueAt: iso(start + 6 * DAY), unit: `unit-${week + 1}`, title: `Week ${week + 1} assignment` };
        items.push({ itemId, body });
        for (const studentId of students) {
          const base = { sectionId, studentId, itemId };
          const id = `demo:${sectionId}:${itemId}:${studentId}`;
          const deadline = Date.parse(String(body.endsAt ?? body.dueAt));
          if (deadline > now) continue;
          const attends = rand() < diligence.get(studentId)!;
          if (kind === 'virtualClass') {
            if (!attends) continue;
            const late = rand() < 0.15 ? 15 : 1;
            facts.push({ ...base, id: `${id}:join`, type: 'virtual-class.joined', occurredAt: iso(start + late * 60_000) });
            facts.push({ ...base, id: `${id}:leave`, type: 'virtual-class.left', occurredAt: iso(start + 88 * 60_000) });
          } else if (kind === 'inPerson') {
            facts.push({ ...base, id: `${id}:mark`, type: 'in-person.marked', occurredAt: iso(start + 5 * 60_000), status: attends ? (rand() < 0.1 ? 'late' : 'present') : 'absent' });
          } else if (kind === 'recordedLecture') {
            if (attends) facts.push({ ...base, id: `${id}:view`, type: 'recorded-lecture.viewed', occurredAt: iso(start + 2 * DAY), progress: 0.8 + rand() * 0.2 });
          } else if (attends) {
            facts.push({ ...base, id: `${id}:submit`, type: 'e-activity.submitted', occurredAt: iso(start + 3 * DAY) });
          }
        }
        if (kind !== 'eActivity') return;
        for (const studentId of students) {
          for (let d = 0; d < 7; d++) {
            const at = start + d * DAY + 3 * 3_600_000;
            if (at < now && rand() < diligence.get(studentId)! * 0.6) facts.push({ id: `demo:${sectionId}:access:${studentId}:${at}`, type: 'course.accessed', occurredAt: iso(at), sectionId, studentId });
          }
        }
      });
    }
    const body: Record<string, unknown> = { termId: '1448-1', courseCode: sectionId, title, level, instructors: [`dr-${sectionId.toLowerCase()}`] };
    if (level === 'blended') body.inPersonSharePercent = 50;
    sections.push({ sectionId, body, items, students });
  }
  return { sections, facts };
}
