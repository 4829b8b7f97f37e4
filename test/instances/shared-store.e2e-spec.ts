import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Receiver } from '../support/receiver';
import { freePort, ServiceProcess } from '../support/service-process';

/**
 * Three instances on one SQLITE_FILE, each with its own data folder and port, as one service: real
 * child processes, one of them killed with SIGKILL while facts stream in through all three.
 */
const TOKEN = 'instances-admin-token-0123456789';
const STUDENTS = 24;
const ITEMS = 4;
const SECRET = 'instances-secret-0123456789';

interface Instance {
  name: string;
  dataDir: string;
  port: number;
  process?: ServiceProcess;
}

async function call(instance: Instance, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${instance.port}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${instance.name} ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Waits for what another process does (issuing, delivering), looking again at each answer: bounded by the test's timeout, never timed. */
async function until<T>(look: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const seen = await look();
    if (seen !== undefined) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const submission = (student: number, item: number, round: string) => ({
  id: `${round}-s${student}-a${item}`,
  type: 'e-activity.submitted',
  occurredAt: `2026-09-0${item + 1}T08:00:00+03:00`,
  sectionId: `MI-${round}`,
  studentId: `st${student}`,
  itemId: `a${item}`,
});

describe('several instances on one SQLITE_FILE', () => {
  let dir: string;
  let instances: Instance[];
  let receiver: Receiver;

  /** Starts (or starts again) an instance, on a port free now. */
  const start = async (instance: Instance) => {
    instance.port = await freePort();
    instance.process = await ServiceProcess.start(instance.dataDir, instance.port, TOKEN, {
      SQLITE_FILE: join(dir, 'shared', 'events.sqlite'),
      // Long enough that a loaded machine never lets it lapse by accident, short enough for the takeover test.
      LEASE_TTL_MS: '6000',
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
      OUTBOUND_RETRY_BASE_MS: '20',
    });
  };

  /** A section whose every item is already due: half its students hand everything in (good), the others nothing (deprived). */
  const defineSection = async (through: Instance, round: string) => {
    await call(through, 'PUT', `/api/v1/sections/MI-${round}`, { termId: 'T', courseCode: 'C', level: 'online', policy: { noticeDelayMinutes: 0 } });
    for (let s = 0; s < STUDENTS; s++) await call(through, 'PUT', `/api/v1/sections/MI-${round}/enrollments/st${s}`, { enrolledAt: '2026-09-01T00:00:00+03:00' });
    for (let i = 0; i < ITEMS; i++) await call(through, 'PUT', `/api/v1/sections/MI-${round}/items/a${i}`, { kind: 'eActivity', dueAt: `2026-09-0${i + 2}T00:00:00+03:00` });
  };
  const goodStudents = Array.from({ length: STUDENTS / 2 }, (_, k) => k * 2);

  /** Every notice of the section's students as stored, read through `instance` once it has projected `after`. */
  const storedNotices = async (instance: Instance, round: string, after: string) => {
    const notices: Array<{ id: string; kind: string; status: string; studentId: string }> = [];
    for (let s = 0; s < STUDENTS; s++) {
      const { notifications } = await call(instance, 'GET', `/api/v1/students/st${s}/notifications?after=${after}`);
      notices.push(...notifications.filter((n: any) => n.sectionId === `MI-${round}`));
    }
    return notices;
  };

  /** Once every student's last notice is their final standing (the deprived told, the good lifted or never told), the notices stored. */
  const settledNotices = (instance: Instance, round: string) =>
    until(async () => {
      const { position } = await call(instance, 'GET', '/health');
      const notices = await storedNotices(instance, round, position);
      for (let s = 0; s < STUDENTS; s++) {
        const own = notices.filter((n) => n.studentId === `st${s}`);
        const last = own[0]; // newest first
        const final = goodStudents.includes(s) ? last === undefined || (last.kind === 'lifted' && last.status === 'good') : last?.kind === 'deprived';
        if (!final) return undefined;
      }
      return notices;
    });

  const deliveredIds = () => receiver.received.map((r) => JSON.parse(r.body).id as string);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'instances-'));
    receiver = new Receiver(0);
    await receiver.start();
    instances = ['A', 'B', 'C'].map((name) => ({ name, dataDir: join(dir, name), port: 0 }));
    // One after the other: A, first, takes the side-effects lease.
    for (const instance of instances) await start(instance);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process?.kill()));
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes facts through every instance, one killed mid-stream; reads agree; each notice issued once and delivered once', async () => {
    const [a, b, c] = instances;
    const { position: hookAt } = await call(b, 'PUT', '/api/v1/outbound-webhooks/university', { url: receiver.url, secret: SECRET });
    // A configuration change taken by one instance reaches the others.
    for (const instance of instances) {
      await until(async () => (BigInt((await call(instance, 'GET', '/health')).consumers['outbound-webhooks'].position) >= BigInt(hookAt) ? true : undefined));
      expect((await call(instance, 'GET', '/api/v1/outbound-webhooks')).webhooks.map((w: any) => w.name)).toEqual(['university']);
    }
    // Only the lease holder issues: the others stand by.
    expect((await call(a, 'GET', '/health')).consumers.notices.standby).toBe(false);
    expect((await call(c, 'GET', '/health')).consumers.notices.standby).toBe(true);

    await defineSection(a, 'r1');
    const facts = goodStudents.flatMap((s) => Array.from({ length: ITEMS }, (_, i) => submission(s, i, 'r1')));
    const acknowledged = new Map<string, bigint>();
    let next = 0;
    let cKilled = false;
    // Three streams of batches of four, one through each instance; a batch refused by a killed instance goes through A instead.
    const push = async (through: Instance) => {
      while (next < facts.length) {
        const batch = facts.slice(next, next + 4);
        next += 4;
        const target = through === c && cKilled ? a : through;
        const answer = await call(target, 'POST', '/api/v1/events', { events: batch }).catch(() => call(a, 'POST', '/api/v1/events', { events: batch }));
        for (const r of answer.results) if (r.status === 'accepted' || r.status === 'duplicate') acknowledged.set(r.id, BigInt(answer.position));
        if (!cKilled && acknowledged.size >= facts.length / 3) {
          cKilled = true;
          await c.process!.kill();
        }
      }
    };
    await Promise.all(instances.map(push));
    expect(acknowledged.size).toBe(facts.length);
    await start(c);

    // Every instance, the restarted one too, answers the same once it has read up to the last write.
    const last = String([...acknowledged.values()].reduce((x, y) => (x > y ? x : y)));
    const rosters = await Promise.all(
      instances.map(async (i) => {
        const { generatedAt, ...roster } = await call(i, 'GET', `/api/v1/sections/MI-r1/attendance?after=${last}`);
        return roster;
      }),
    );
    expect(rosters[1]).toEqual(rosters[0]);
    expect(rosters[2]).toEqual(rosters[0]);
    const statuses = Object.fromEntries(rosters[0].students.map((s: any) => [s.studentId, s.status]));
    for (let s = 0; s < STUDENTS; s++) expect(statuses[`st${s}`]).toBe(goodStudents.includes(s) ? 'good' : 'deprived');

    const notices = await settledNotices(b, 'r1');
    expect(new Set(notices.map((n) => n.id)).size).toBe(notices.length);
    // The deprived are told once each.
    for (let s = 0; s < STUDENTS; s++) if (!goodStudents.includes(s)) expect(notices.filter((n) => n.studentId === `st${s}` && n.kind === 'deprived')).toHaveLength(1);
    await receiver.receivedCount(notices.length);
    expect(deliveredIds().sort()).toEqual(notices.map((n) => n.id).sort());
  }, 180_000);

  it('hands the lease over when its holder is killed: the next instance issues and delivers what follows, each once', async () => {
    const [a, b] = instances;
    // The holder has stored its delivery checkpoint past every notice so far.
    const before = receiver.received.length;
    const lastNotice = receiver.received.map((r) => BigInt(JSON.parse(r.body).notice.position)).reduce((x, y) => (x > y ? x : y), 0n);
    await until(async () => {
      const [hook] = (await call(a, 'GET', '/api/v1/outbound-webhooks')).webhooks;
      return BigInt(hook.deliveredUpTo) >= lastNotice ? true : undefined;
    });
    await a.process!.kill();
    a.process = undefined;

    await defineSection(b, 'r2');
    const facts = goodStudents.flatMap((s) => Array.from({ length: ITEMS }, (_, i) => submission(s, i, 'r2')));
    for (let k = 0; k < facts.length; k += 8) await call(instances[1 + ((k / 8) % 2)], 'POST', '/api/v1/events', { events: facts.slice(k, k + 8) });

    const notices = await settledNotices(b, 'r2');
    await receiver.receivedCount(before + notices.length);
    expect(deliveredIds().slice(before).sort()).toEqual(notices.map((n) => n.id).sort());
    expect(new Set(deliveredIds()).size).toBe(receiver.received.length);
  }, 180_000);
});
