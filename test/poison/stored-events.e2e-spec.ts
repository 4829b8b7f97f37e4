import * as fc from 'fast-check';
import type { EventStore } from '@attendance/event-store';
import { EVENT_STORE } from '../../apps/api/src/config/tokens';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';

/**
 * Whatever the store holds — events of an older version, of another tool, or written by hand —
 * no read answers 500: the event is skipped, listed for an admin with the reason, and the rest
 * of the record is answered. Events are written straight into the store, past every check.
 */
const NOW = '2026-10-20T00:00:00Z';
const S = 'P1';
const students = ['s1', 's2'];

/** One valid event of every type the service reads, and the stream it is read from. */
const templates: Array<{ stream: string; type: string; data: Record<string, unknown> }> = [
  { stream: `section-${S}`, type: 'SectionDefined', data: { sectionId: S, termId: 'T', courseCode: 'C', level: 'blended', inPersonSharePercent: 50, timezone: 'Asia/Riyadh', instructors: ['dr-a'], policy: {} } },
  { stream: `section-${S}`, type: 'StudentEnrolled', data: { sectionId: S, studentId: 's1', enrolledAt: '2026-09-01T00:00:00Z' } },
  { stream: `section-${S}`, type: 'StudentDropped', data: { sectionId: S, studentId: 's2', droppedAt: '2026-09-02T00:00:00Z' } },
  { stream: `section-${S}`, type: 'ItemScheduled', data: { sectionId: S, itemId: 'vc1', kind: 'virtualClass', startsAt: '2026-09-06T08:00:00Z', endsAt: '2026-09-06T09:30:00Z', links: { teams: 'm1' } } },
  { stream: `section-${S}`, type: 'ItemScheduled', data: { sectionId: S, itemId: 'rl1', kind: 'recordedLecture', durationMinutes: 40, dueAt: '2026-09-10T00:00:00Z' } },
  { stream: `section-${S}`, type: 'ItemScheduled', data: { sectionId: S, itemId: 'ip1', kind: 'inPerson', startsAt: '2026-09-07T08:00:00Z', endsAt: '2026-09-07T09:00:00Z' } },
  { stream: `section-${S}`, type: 'ItemCancelled', data: { sectionId: S, itemId: 'rl1' } },
  { stream: `section-${S}`, type: 'ExcuseRecorded', data: { sectionId: S, studentId: 's1', itemIds: ['vc1'], reason: 'r', decidedBy: 'd', recordedBy: 'admin:admin' } },
  { stream: `section-${S}`, type: 'CorrectionRecorded', data: { sectionId: S, studentId: 's1', itemId: 'ip1', outcome: 'present', reason: 'r', correctedBy: 'admin:admin' } },
  { stream: `section-${S}`, type: 'WaiverGranted', data: { sectionId: S, studentId: 's1', decidedBy: 'd', reason: 'r' } },
  { stream: `section-${S}`, type: 'EligibilityFinalized', data: { sectionId: S, by: 'reg' } },
  { stream: `section-${S}`, type: 'EligibilityReopened', data: { sectionId: S, by: 'reg' } },
  { stream: 'fact-x', type: 'FactRecorded', data: { id: 'x', type: 'course.accessed', occurredAt: '2026-09-06T08:00:00Z', sectionId: S, studentId: 's1', source: 'api' } },
  { stream: 'fact-y', type: 'FactRecorded', data: { id: 'y', type: 'recorded-lecture.viewed', occurredAt: '2026-09-06T08:00:00Z', sectionId: S, studentId: 's1', itemId: 'rl1', watchedRanges: [[0, 60]], source: 'api' } },
  { stream: 'pfact-z', type: 'PlatformFactReceived', data: { fact: { id: 'z', type: 'virtual-class.joined', occurredAt: '2026-09-06T08:00:00Z', platform: 'teams', activity: 'm1', actor: { userId: 's1' } } } },
  { stream: 'report-m1', type: 'PlatformReportImported', data: { platform: 'teams', activity: 'm1' } },
  { stream: 'identities-s1', type: 'StudentIdentitiesSet', data: { studentId: 's1', identities: { email: 's1@example.edu', xapi: { homePage: 'https://lms', name: 's1' } } } },
  {
    stream: `notices-${JSON.stringify([S, 's1'])}`,
    type: 'NoticeRecorded',
    data: { sectionId: S, studentId: 's1', kind: 'warning-1', status: 'warning-1', issuedAt: '2026-09-08T00:00:00Z', components: { virtualClass: { absencePercent: 10, limitPercent: 25 } }, causes: ['virtualClass'], message: { ar: 'ع', en: 'e' } },
  },
  { stream: `notices-${S}-s1`, type: 'NoticeRecorded', data: { sectionId: S, studentId: 's1', kind: 'deprived', status: 'deprived', at: '2026-09-09T00:00:00Z', absencePercents: { virtualClass: 30 }, message: 'old' } },
  { stream: 'tokens', type: 'TokenIssued', data: { tokenHash: 'a'.repeat(64), role: 'student', subject: 's1', issuedAt: '2026-09-01T00:00:00Z' } },
  { stream: 'audit-student-s1', type: 'StudentRecordRead', data: { studentId: 's1', by: { role: 'admin', subject: 'admin' }, what: 'GET', at: '2026-09-01T00:00:00Z' } },
  { stream: 'audit-reads-2026-09-01', type: 'StudentRecordsRead', data: { studentIds: ['s1', 's2'], by: { role: 'admin', subject: 'admin' }, what: 'GET', at: '2026-09-01T00:00:00Z' } },
  { stream: 'outbound-webhooks', type: 'OutboundWebhookSet', data: { name: 'hook', url: 'http://127.0.0.1:9/none', secret: 'secret-secret-secret', active: false } },
];

/** A template, or one of its fields replaced by anything or left out, or its whole data replaced by anything. */
const storedEvent = fc
  .record({
    template: fc.constantFrom(...templates),
    mutation: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.record({ kind: fc.constant('replace' as const), path: fc.nat(20), value: fc.anything({ maxDepth: 3 }) }),
      fc.record({ kind: fc.constant('drop' as const), path: fc.nat(20) }),
      fc.record({ kind: fc.constant('whole' as const), value: fc.anything({ maxDepth: 3 }) }),
      fc.record({ kind: fc.constant('time' as const), path: fc.nat(20), value: fc.constantFrom('9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2026-02-30T08:00:00+03:00', '+275760-09-13T00:00:00Z', 'now', '') }),
    ),
  })
  .map(({ template, mutation }) => {
    const data: any = structuredClone(template.data);
    const fields = Object.keys(data);
    const field = 'path' in mutation ? fields[mutation.path % fields.length] : undefined;
    if (mutation.kind === 'replace' || mutation.kind === 'time') data[field!] = mutation.value;
    if (mutation.kind === 'drop') delete data[field!];
    return { stream: template.stream, type: template.type, data: mutation.kind === 'whole' ? mutation.value : data };
  });

/** Every read route of the contract and beside it, for the admin and for the student the events are about. */
const READS = [
  '/health',
  '/api/v1/me',
  '/api/v1/sections',
  `/api/v1/sections/${S}/attendance`,
  `/api/v1/sections/${S}/eligibility`,
  `/api/v1/sections/${S}/eligibility?asOf=2026-09-08T00:00:00Z`,
  ...students.map((s) => `/api/v1/sections/${S}/students/${s}`),
  ...students.map((s) => `/api/v1/students/${s}/attendance`),
  ...students.map((s) => `/api/v1/students/${s}/notifications`),
  ...students.map((s) => `/api/v1/audit/students/${s}`),
  '/api/v1/webhooks/unmatched',
  '/api/v1/outbound-webhooks',
  '/api/v1/admin/skipped-events',
];

async function readEverything(app: AppHarness): Promise<Array<[string, number]>> {
  const answers: Array<[string, number]> = [];
  for (const path of READS) answers.push([path, (await app.get(path)).status]);
  const csv = await app.request('GET', `/api/v1/sections/${S}/eligibility`, { headers: { accept: 'text/csv' } });
  answers.push(['eligibility csv', csv.status]);
  // A write on a section whose stream holds anything at all decides on what it can read.
  answers.push(['enroll', (await app.put(`/api/v1/sections/${S}/enrollments/s3`, { enrolledAt: '2026-09-01T00:00:00Z' })).status]);
  return answers;
}

describe('no stored event can break a read', () => {
  let app: AppHarness;
  let counter = 0;
  beforeAll(async () => (app = await AppHarness.start(NOW)));
  afterAll(() => app.close());

  async function store(events: Array<{ stream: string; type: string; data: unknown }>): Promise<void> {
    const eventStore = app.app.get<EventStore>(EVENT_STORE);
    for (const e of events) {
      const data = e.data === 'now' ? NOW : e.data;
      await eventStore.appendToStream(e.stream, [{ id: `poison-${++counter}`, type: e.type, data }]);
    }
  }

  it('the issue\'s own cases: a fact in the year 9999 or 0000 is skipped and listed, and every read stays 200, also after a restart', async () => {
    await store(templates);
    await store([
      { stream: 'fact-y9999', type: 'FactRecorded', data: { id: 'y9999', type: 'course.accessed', occurredAt: '9999-12-31T23:59:59Z', sectionId: S, studentId: 's1', source: 'api' } },
      { stream: 'fact-y0000', type: 'FactRecorded', data: { id: 'y0000', type: 'course.accessed', occurredAt: '0000-01-01T00:00:00Z', sectionId: S, studentId: 's1', source: 'api' } },
    ]);
    const head = await app.app.get(NoticeIssuer).settled();
    const record = await app.get(`/api/v1/sections/${S}/students/s1?after=${head}`);
    expect(record.status).toBe(200);
    expect(record.body.logins.map((w: any) => w.weekStart)).toEqual(['2026-09-06']);
    const skipped = (await app.get('/api/v1/admin/skipped-events')).body.events;
    expect(skipped.map((e: any) => e.streamId)).toEqual(expect.arrayContaining(['fact-y9999', 'fact-y0000']));
    expect(skipped.find((e: any) => e.streamId === 'fact-y9999').problem).toContain('occurredAt');
    for (const [path, status] of await readEverything(app)) expect([path, status < 500]).toEqual([path, true]);
    await app.restart();
    expect((await app.get(`/api/v1/sections/${S}/students/s1`)).status).toBe(200);
    expect((await app.get('/api/v1/admin/skipped-events')).body.events.map((e: any) => e.streamId)).toEqual(expect.arrayContaining(['fact-y9999', 'fact-y0000']));
  });

  it('any events at all: every read answers without a 5xx, before and after a restart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(storedEvent, { minLength: 1, maxLength: 8 }), async (events) => {
        await store(events);
        const head = await app.app.get(NoticeIssuer).settled();
        await app.get(`/api/v1/sections?after=${head}`);
        for (const [path, status] of await readEverything(app)) expect([path, status < 500]).toEqual([path, true]);
      }),
      { numRuns: Number(process.env.POISON_RUNS ?? 60), seed: Number(process.env.POISON_SEED ?? 20261201) },
    );
    await app.restart();
    for (const [path, status] of await readEverything(app)) expect([path, status < 500]).toEqual([path, true]);
    expect((await app.get('/api/v1/admin/skipped-events', ADMIN_TOKEN)).body.total).toBeGreaterThan(0);
  });
});
