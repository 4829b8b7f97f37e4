import { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { startServer, stopServer } from './child-server';
import { summarize } from './percentiles';

const TOKEN = 'bench-admin-token-0123456789';
const PORT = 39170;
const LEVELS = ['supporting', 'evening-virtual', 'blended', 'online'] as const;
const KINDS = { supporting: ['inPerson'], 'evening-virtual': ['virtualClass'], blended: ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'], online: ['virtualClass', 'eActivity'] } as const;
const WEEKS = 15;
const DAY = 86_400_000;
const START = Date.parse('2026-09-06T05:00:00Z');

export interface TermFigures {
  scale: number;
  terms: number;
  students: number;
  enrollments: number;
  facts: number;
  ingestSeconds: number;
  /** Until the last batch was acknowledged; the rest of `ingestSeconds` is the projection catching up. */
  postSeconds: number;
  /** Until every consumer (the notice issuer too) had looked at everything. */
  settledSeconds: number;
  /** The service's peak resident memory (VmHWM), and at the end. */
  peakRssMiB: number;
  diskMiB: number;
  eligibility: { p50: number; p99: number; max: number };
  /** The first read of a section after its facts arrived: every student evaluated. */
  coldEligibility: { p50: number; p99: number; max: number };
  /** Stopping the service with everything stored and starting it again, until it answers a read. */
  restartSeconds?: number;
  /** POST /api/v1/what-if of a 20% limit for the first term: every enrollment evaluated under it. */
  whatIf: { seconds: number; enrollments: number; changes: number };
  /** GET /api/v1/terms/T0/eligibility as XLSX, read as it streams: how long, how big, and how far the service's memory rose meanwhile. */
  termExport: { seconds: number; mebibytes: number; rssRiseMiB: number };
}

type Layout = Array<{ sectionId: string; items: Array<{ itemId: string; kind: string; at: number }>; students: string[] }>;

/** The configuration a registrar system would load: 200-student sections over four levels, each student in five. */
async function seedConfiguration(file: string, students: number, enrollments: number, terms: number): Promise<Layout> {
  const store = new SqliteEventStore(file);
  const sections = Math.max(1, Math.round(enrollments / 200));
  const layout: Layout = [];
  for (let t = 0; t < terms; t++) {
    for (let s = 0; s < sections; s++) {
      const sectionId = `T${t}-U${s}`;
      const level = LEVELS[s % 4];
      const items = Array.from({ length: WEEKS }, (_, w) => KINDS[level].map((kind, k) => ({ itemId: `w${w}-${k}`, kind, at: START + w * 7 * DAY + k * DAY }))).flat();
      const members = Array.from({ length: 200 }, (_, k) => `st${(s * 200 + k) % students}`);
      const events = [
        { type: 'SectionDefined', data: { sectionId, termId: `T${t}`, courseCode: sectionId, level, inPersonSharePercent: level === 'blended' ? 50 : undefined, timezone: 'Asia/Riyadh', instructors: [], policy: {} } },
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
  }
  await store.close();
  return layout;
}

/** About fifty facts an enrollment, of the kinds its level counts; one student in ten skips a quarter. */
function* factsOf(layout: Layout, perEnrollment: number) {
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

const rssOf = (child: ChildProcess) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

/** The first term's eligibility as a workbook, read chunk by chunk while the service's resident memory is sampled. */
async function exportTerm(base: string, headers: Record<string, string>, server: ChildProcess): Promise<TermFigures['termExport']> {
  const before = rssOf(server);
  let highest = before;
  const sampler = setInterval(() => (highest = Math.max(highest, rssOf(server))), 50);
  const started = performance.now();
  try {
    const response = await fetch(`${base}/terms/T0/eligibility`, { headers: { ...headers, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return { seconds: (performance.now() - started) / 1000, mebibytes: bytes / 1024 / 1024, rssRiseMiB: Math.max(0, highest - before) };
  } finally {
    clearInterval(sampler);
  }
}

const peakRssOf = (child: ChildProcess) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

async function startService(dir: string) {
  return startServer('bench/servers/service-at-clock.js', { PORT: String(PORT), DATA_DIR: dir, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0', BENCH_CLOCK: '2027-01-15T00:00:00Z' });
}

const base = `http://127.0.0.1:${PORT}/api/v1`;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

/** Waits until the consumers `named` (every one when omitted) have reached `position`, as /health tells. */
async function caughtUp(position: bigint, named?: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`http://127.0.0.1:${PORT}/health`)).json()) as { consumers: Record<string, { position: string }> };
    const consumers = Object.entries(health.consumers).filter(([name]) => named === undefined || name === named);
    if (consumers.every(([, c]) => BigInt(c.position) >= position)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A term (or several, the same term under other section ids) of a university at `scale` (1 =
 * 40,000 students, 200,000 enrollments, about ten million facts), posted over HTTP to the service
 * in its own process, in batches of 500 from four clients.
 */
export async function universityTerm(scale: number, options: { terms?: number; restart?: boolean } = {}): Promise<TermFigures> {
  const terms = options.terms ?? 1;
  const students = Math.max(200, Math.round(40_000 * scale));
  const enrollments = Math.max(200, Math.round(200_000 * scale));
  const dir = mkdtempSync(join(tmpdir(), 'bench-term-'));
  try {
    const layout = await seedConfiguration(join(dir, 'events.sqlite'), students, enrollments, terms);
    let server = await startService(dir);
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
    const postSeconds = (performance.now() - started) / 1000;
    await caughtUp(last, 'attendance');
    const ingestSeconds = (performance.now() - started) / 1000;
    await caughtUp(last);
    const settledSeconds = (performance.now() - started) / 1000;
    const read = async (sectionId: string) => {
      const t0 = performance.now();
      await (await fetch(`${base}/sections/${sectionId}/eligibility`, { headers })).json();
      return performance.now() - t0;
    };
    // Sections read for the first time since their facts came (the last term's, not in memory).
    const sampled = layout.slice(-Math.min(layout.length, 50)).map((l) => l.sectionId);
    const cold: number[] = [];
    for (const sectionId of sampled) cold.push(await read(sectionId));
    const timings: number[] = [];
    for (let i = 0; i < 200; i++) timings.push(await read(sampled[i % Math.min(10, sampled.length)]));
    const whatIfStarted = performance.now();
    const whatIfAnswer = await fetch(`${base}/what-if`, { method: 'POST', headers, body: JSON.stringify({ scope: 'term:T0', policy: { thresholdPercent: 80 } }) });
    const tried = (await whatIfAnswer.json()) as { enrollments: number; changes: unknown[] };
    const whatIf = { seconds: (performance.now() - whatIfStarted) / 1000, enrollments: tried.enrollments, changes: tried.changes.length };
    const termExport = await exportTerm(base, headers, server);
    let peakRssMiB = peakRssOf(server);
    let restartSeconds: number | undefined;
    if (options.restart) {
      await stopServer(server);
      const t0 = performance.now();
      server = await startService(dir);
      await read(sampled[0]);
      restartSeconds = (performance.now() - t0) / 1000;
      peakRssMiB = Math.max(peakRssMiB, peakRssOf(server));
    }
    await stopServer(server);
    const diskMiB = Math.round(readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) / 1024 / 1024);
    return {
      scale,
      terms,
      students,
      enrollments: enrollments * terms,
      facts,
      ingestSeconds,
      postSeconds,
      settledSeconds,
      peakRssMiB: Math.round(peakRssMiB),
      diskMiB,
      eligibility: summarize(timings),
      coldEligibility: summarize(cold),
      restartSeconds,
      whatIf,
      termExport,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
