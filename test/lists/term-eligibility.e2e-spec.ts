import ExcelJS from 'exceljs';
import { AttendanceReader } from '../../apps/api/src/projection/attendance-reader';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The eligibility of a whole term for the registrar and the SIS: JSON lines or CSV, as of a snapshot that always gives the same list. */

const T0 = Date.parse('2026-11-01T09:00:00Z');
const hoursAfter = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const classes = Array.from({ length: 20 }, (_, i) => {
  const day = new Date(Date.parse('2026-09-06T05:00:00Z') + i * 86_400_000);
  return { itemId: `vc${i + 1}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 3_600_000).toISOString() };
});

describe('term-wide eligibility lists', () => {
  let app: AppHarness;
  const list = (query = '', accept = 'application/x-ndjson') => app.request('GET', `/api/v1/terms/1448-1/eligibility${query}`, { headers: { accept } });

  beforeAll(async () => {
    app = await AppHarness.start(hoursAfter(0));
    const facts = [];
    for (const [sectionId, college, misses] of [['ENG-1', 'engineering', { 's-a': 5, 's-b': 0 }], ['MED-1', 'medicine', { 's-c': 6 }]] as const) {
      await app.put(`/api/v1/sections/${sectionId}`, { termId: '1448-1', courseCode: sectionId.slice(0, 3), level: 'online', college, department: `${college}-dept` });
      for (const c of classes) await app.put(`/api/v1/sections/${sectionId}/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt });
      for (const [studentId, missed] of Object.entries(misses)) {
        await app.put(`/api/v1/sections/${sectionId}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' });
        for (const c of classes.slice(missed)) {
          facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId, studentId, itemId: c.itemId });
          facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId, studentId, itemId: c.itemId });
        }
      }
    }
    await app.pushFacts(facts);
    await app.put('/api/v1/sections/OTHER-1', { termId: '1447-2', courseCode: 'OTH', level: 'online' });
  });
  afterAll(() => app.close());

  it('streams every student of the term as JSON lines, with the binding component, the policy and the snapshot id', async () => {
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const snapshot = answer.headers.get('x-snapshot-id');
    expect(snapshot).toBe(`s${T0}`);
    const rows = answer.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.sectionId, r.studentId, r.status, r.binding?.absencePercent])).toEqual([
      ['ENG-1', 's-a', 'warning-2', 25],
      ['ENG-1', 's-b', 'good', 0],
      ['MED-1', 's-c', 'deprived', 30],
    ]);
    expect(rows[0]).toMatchObject({ snapshotId: snapshot, termId: '1448-1', courseCode: 'ENG', college: 'engineering', department: 'engineering-dept', eligible: true, binding: { component: 'virtualClass', limitPercent: 25 }, policy: { versions: [] } });
    const medicine = await list('?college=medicine');
    expect(medicine.text.trim().split('\n').map((line) => JSON.parse(line).studentId)).toEqual(['s-c']);
    const department = await list('?department=engineering-dept');
    expect(department.text.trim().split('\n').map((line) => JSON.parse(line).studentId)).toEqual(['s-a', 's-b']);
    expect((await list('?department=nowhere')).status).toBe(404);
  });

  it('streams: the first section\'s rows reach the client while the last section is still to be read, in every format', async () => {
    const reader = app.app.get(AttendanceReader);
    const read = reader.snapshotEligibility.bind(reader);
    for (const accept of ['application/x-ndjson', 'text/csv', XLSX]) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const spy = jest.spyOn(reader, 'snapshotEligibility').mockImplementation(async (sectionId, at) => {
        if (sectionId === 'MED-1') await gate;
        return read(sectionId, at);
      });
      try {
        const response = await fetch(`${app.url}/api/v1/terms/1448-1/eligibility`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept } });
        const body = response.body!.getReader();
        // Had the list been gathered before it was sent, this first chunk would wait for MED-1, which waits for it.
        const first = await body.read();
        expect(first.done).toBe(false);
        release();
        while (!(await body.read()).done);
      } finally {
        spy.mockRestore();
      }
    }
  });

  it('gives the same list for the same snapshot, whatever is recorded after it; a new list shows the change', async () => {
    const first = await list();
    const snapshot = first.headers.get('x-snapshot-id')!;
    app.setTime(hoursAfter(1));
    expect((await app.post('/api/v1/sections/ENG-1/corrections', { studentId: 's-b', itemId: 'vc20', outcome: 'absent', reason: 'left at once' })).status).toBeLessThan(300);
    const version = await app.put('/api/v1/policies/institution', { policy: { thresholdPercent: 80 }, effectiveFrom: hoursAfter(-24), retroactive: true, reason: 'a 20% limit, back to yesterday' });
    await app.get(`/api/v1/policies?after=${version.body.position}`);
    const again = await list(`?snapshot=${snapshot}`);
    expect(again.text).toBe(first.text);
    const now = await list();
    expect(now.headers.get('x-snapshot-id')).toBe(`s${Date.parse(hoursAfter(1))}`);
    const rows = now.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.studentId, r.status])).toEqual([['s-a', 'deprived'], ['s-b', 'good'], ['s-c', 'deprived']]);
    expect(rows[1].binding.absencePercent).toBe(5);
    expect(rows[0].policy.versions).toEqual([{ scope: 'institution', version: 1, retroactive: true }]);
  });

  it('answers CSV with one row a student; the reads are audited', async () => {
    const csv = await list('', 'text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('snapshotId,termId,sectionId,courseCode,college,department,studentId,eligible,status,component,absencePercent,limitPercent,policyVersions');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`s${Date.parse(hoursAfter(1))},1448-1,ENG-1,ENG,engineering,engineering-dept,s-a,false,deprived,virtualClass,25,20,institution#1`);
    const audit = await app.get('/api/v1/audit/students/s-c');
    expect(audit.body.reads[0].what).toMatch(/^GET \/terms\/1448-1\/eligibility \(snapshot s\d+\)$/);
  });

  it('answers an XLSX workbook that opens and holds the rows of the CSV; the same snapshot gives the same bytes', async () => {
    const csv = await list('', 'text/csv');
    const snapshot = csv.headers.get('x-snapshot-id')!;
    const fetchBytes = async () => Buffer.from(await (await fetch(`${app.url}/api/v1/terms/1448-1/eligibility?snapshot=${snapshot}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: XLSX } })).arrayBuffer());
    const bytes = await fetchBytes();
    expect((await fetchBytes()).equals(bytes)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))).join(',')));
    expect(sheet.name).toBe('Eligibility 1448-1');
    expect(rows).toEqual(csv.text.trim().split('\n'));
  });

  it('refuses an unknown term, a snapshot it did not give, and any role but the registrar\'s and the admin\'s', async () => {
    expect((await app.get('/api/v1/terms/1999-9/eligibility')).body.message).toContain('termId');
    expect((await list('?snapshot=tomorrow')).body.message).toContain('snapshot');
    expect((await list(`?snapshot=s${Date.parse(hoursAfter(5))}`)).status).toBe(400);
    const faculty = await app.token('faculty', 'dr-x');
    expect((await app.request('GET', '/api/v1/terms/1448-1/eligibility', { token: faculty })).status).toBe(403);
  });

  it('lists the students at risk across the term, most serious first, by college and department', async () => {
    app.setTime(hoursAfter(2));
    const all = await app.get('/api/v1/terms/1448-1/at-risk');
    expect(all.body.students.map((s: { studentId: string; status: string }) => [s.studentId, s.status])).toEqual([['s-a', 'deprived'], ['s-c', 'deprived']]);
    expect(all.body.students[0]).toMatchObject({ sectionId: 'ENG-1', college: 'engineering', department: 'engineering-dept', binding: { component: 'virtualClass', absencePercent: 25, limitPercent: 20 }, reasons: [{ component: 'virtualClass', absencePercent: 25, limitPercent: 20 }] });
    expect((await app.get('/api/v1/terms/1448-1/at-risk?department=medicine-dept')).body.students.map((s: { studentId: string }) => s.studentId)).toEqual(['s-c']);
    expect((await app.get('/api/v1/terms/1448-1/at-risk?status=good')).body.students.map((s: { studentId: string }) => s.studentId)).toEqual(['s-b']);
    expect((await app.get('/api/v1/terms/1448-1/at-risk?status=lost')).body.message).toContain('status');
  });

  it('finalizes and reopens a whole term in one step, each section recorded with who and why; asking again changes nothing', async () => {
    expect((await app.post('/api/v1/terms/1448-1/finalize', {})).body.message).toContain('reason');
    const finalized = await app.post('/api/v1/terms/1448-1/finalize', { reason: 'Council of 20/4/1448' });
    expect(finalized.body).toMatchObject({ termId: '1448-1', finalized: ['ENG-1', 'MED-1'], unchanged: [] });
    expect((await app.get(`/api/v1/sections/ENG-1/eligibility?after=${finalized.body.position}`)).body.finalized).toBe(true);
    expect((await app.get('/api/v1/sections/OTHER-1/eligibility')).body.finalized).toBe(false);
    expect((await app.post('/api/v1/terms/1448-1/finalize', { reason: 'again' })).body).toMatchObject({ finalized: [], unchanged: ['ENG-1', 'MED-1'] });
    const reopened = await app.post('/api/v1/terms/1448-1/reopen', { reason: 'A correction to enter' });
    expect(reopened.body).toMatchObject({ reopened: ['ENG-1', 'MED-1'] });
    expect((await app.get(`/api/v1/sections/MED-1/eligibility?after=${reopened.body.position}`)).body.finalized).toBe(false);
    const faculty = await app.token('faculty', 'dr-x');
    expect((await app.request('POST', '/api/v1/terms/1448-1/finalize', { token: faculty, body: { reason: 'x' } })).status).toBe(403);
  });
});
