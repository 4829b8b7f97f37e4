import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';
import { AttendanceProjection } from '../apps/api/src/projection/attendance.projection';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { summarize } from './percentiles';

const TOKEN = 'bench-admin-token-0123456789';
const LEVELS = ['supporting', 'evening-virtual', 'blended', 'online'] as const;
const KINDS = { supporting: ['inPerson'], 'evening-virtual': ['virtualClass'], blended: ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'], online: ['virtualClass', 'eActivity'] } as const;
const WEEKS = 15;
const DAY = 86_400_000;
const START = Date.parse('2026-09-06T05:00:00Z');

export interface TermFigures {
  scale: number;
  students: number;
  enrollments: number;
  facts: number;
  ingestSeconds: number;
  peakRssMiB: number;
  liveHeapMiB: number;
  diskMiB: number;
  eligibility: { p50: number; p99: number; max: number };
  /** The first read of a section after its facts arrived: every student evaluated. */
  coldEligibility: { p50: number; max: number };
}

/** The configuration a registrar system would load: 200-student sections over four levels, each student in five. */
async function seedConfiguration(file: string, students: number, enrollments: number) {
  const store = new SqliteEventStore(file);
  const sections = Math.max(1, Math.round(enrollments / 200));
  const layout: Array<{ sectionId: string; items: Array<{ itemId: string; kind: string; at: number }>; students: string[] }> = [];
  for (let s = 0; s < sections; s++) {
    const sectionId = `U${s}`;
    const level = LEVELS[s % 4];
    const items = Array.from({ length: WEEKS }, (_, w) => KINDS[level].map((kind, k) => ({ itemId: `w${w}-${k}`, kind, at: START + w * 7 * DAY + k * DAY }))).flat();
    const members = Array.from({ length: 200 }, (_, k) => `st${(s * 200 + k) % students}`);
    const events: Array<{ type: string; data: unknown }> = [
      { type: 'SectionDefined', data: { sectionId, termId: 'T', courseCode: sectionId, level, inPersonSharePercent: level === 'blended' ? 50 : undefined, timezone: 'Asia/Riyadh', instructors: [], policy: {} } },
      ...items.map((i) => ({
        type: 'ItemScheduled',
        data:
          i.kind === 'virtualClass' || i.kind === 'inPerson'
            ? { sectionId, itemId: i.itemId, kind: i.kind, startsAt: new Date(i.at).toISOString(), endsAt: new Date(i.at + 90 * 60_000).toISOString() }
            : { sectionId, itemId: i.itemId, kind: i.kind, durationMinutes: 40, dueAt: new Date(i.at + 6 * DAY).toISOString() },
      })),
      ...members.map((studentId) => ({ type: 'StudentEnrolled', data: { sectionId, studentId, enrolledAt: '2026-09-01T00:00:00Z' } })),
    ];
    await store.appendToStream(`section-${sectionId}`, events.map((e, k) => ({ id: `${sectionId}-${k}`, ...e })));
    layout.push({ sectionId, items, students: members });
  }
  await store.close();
  return layout;
}

/** About fifty facts an enrollment, of the kinds its level counts; one student in ten skips a quarter. */
function* factsOf(layout: Awaited<ReturnType<typeof seedConfiguration>>, perEnrollment: number) {
  let n = 0;
  for (const section of layout) {
    for (const [k, studentId] of section.students.entries()) {
      const diligent = k % 10 !== 0;
      let made = 0;
      for (const item of section.items) {
        if (made >= perEnrollment) break;
        if (!diligent && made % 4 === 0) {
          made++;
          continue;
        }
        const base = { sectionId: section.sectionId, studentId, itemId: item.itemId };
        const id = `t${n++}`;
        if (item.kind === 'virtualClass') {
          yield { ...base, id: `${id}j`, type: 'virtual-class.joined', occurredAt: new Date(item.at + 60_000).toISOString() };
          yield { ...base, id: `${id}l`, type: 'virtual-class.left', occurredAt: new Date(item.at + 85 * 60_000).toISOString() };
          made += 2;
        } else if (item.kind === 'inPerson') {
          yield { ...base, id, type: 'in-person.marked', occurredAt: new Date(item.at + 5 * 60_000).toISOString(), status: 'present' };
          made++;
        } else if (item.kind === 'recordedLecture') {
          yield { ...base, id, type: 'recorded-lecture.viewed', occurredAt: new Date(item.at + DAY).toISOString(), progress: 0.9 };
          made++;
        } else {
          yield { ...base, id, type: 'e-activity.submitted', occurredAt: new Date(item.at + DAY).toISOString() };
          made++;
        }
      }
      for (let d = 0; made < perEnrollment; d++, made++) {
        yield { id: `t${n++}`, type: 'course.accessed', occurredAt: new Date(START + d * DAY + 3_600_000).toISOString(), sectionId: section.sectionId, studentId };
      }
    }
  }
}

/** A term of a university at `scale` (1 = 40,000 students, 200,000 enrollments, about ten million facts). */
export async function universityTerm(scale: number): Promise<TermFigures> {
  const students = Math.max(200, Math.round(40_000 * scale));
  const enrollments = Math.max(200, Math.round(200_000 * scale));
  const dir = mkdtempSync(join(tmpdir(), 'bench-term-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const layout = await seedConfiguration(join(dir, 'events.sqlite'), students, enrollments);
    const app = await createApp(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' }), { clock: () => new Date('2027-01-15T00:00:00Z'), logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const source = factsOf(layout, 50);
    let facts = 0;
    let last = 0n;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        const events = [];
        for (let k = 0; k < 500; k++) {
          const next = source.next();
          if (next.done) break;
          events.push(next.value);
        }
        if (events.length === 0) return;
        facts += events.length;
        const response = await fetch(`${base}/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
        const { position } = (await response.json()) as { position: string };
        if (BigInt(position) > last) last = BigInt(position);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await app.get(AttendanceProjection).waitFor(last, 30 * 60_000);
    const ingestSeconds = (performance.now() - started) / 1000;
    // What the read model really holds, without the garbage a busy heap has not collected yet.
    (global as { gc?: () => void }).gc?.();
    const liveHeapMiB = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    const read = async (sectionId: string) => {
      const t0 = performance.now();
      await (await fetch(`${base}/sections/${sectionId}/eligibility`, { headers })).json();
      return performance.now() - t0;
    };
    const sampled = layout.slice(0, 10).map((l) => l.sectionId);
    const cold: number[] = [];
    for (const sectionId of sampled) cold.push(await read(sectionId));
    const timings: number[] = [];
    for (let i = 0; i < 100; i++) timings.push(await read(sampled[i % sampled.length]));
    await app.close();
    const diskMiB = Math.round(['events.sqlite', 'events.sqlite-wal', 'readmodel.sqlite', 'readmodel.sqlite-wal'].reduce((sum, f) => sum + (statSafe(join(dir, f)) ?? 0), 0) / 1024 / 1024);
    const { p50, p99, max } = summarize(timings);
    const coldSummary = summarize(cold);
    return {
      scale,
      students,
      enrollments,
      facts,
      ingestSeconds,
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
      liveHeapMiB,
      diskMiB,
      eligibility: { p50, p99, max },
      coldEligibility: { p50: coldSummary.p50, max: coldSummary.max },
    };
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

function statSafe(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}
