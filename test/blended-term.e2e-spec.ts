import { AppHarness } from './support/app-harness';
import { afterTerm, facts, items, SECTION, sectionBody, students } from './support/blended-term';

async function configure(app: AppHarness): Promise<void> {
  expect((await app.put(`/api/v1/sections/${SECTION}`, sectionBody)).status).toBe(200);
  for (const s of students) expect((await app.put(`/api/v1/sections/${SECTION}/enrollments/${s}`, { enrolledAt: '2026-09-01T00:00:00+03:00' })).status).toBe(200);
  for (const [itemId, body] of items) expect((await app.put(`/api/v1/sections/${SECTION}/items/${itemId}`, body)).status).toBe(200);
}

const withoutTime = (body: any) => ({ ...body, generatedAt: undefined });

describe('a blended term, worked out by hand', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await AppHarness.start(afterTerm);
    await configure(app);
    await app.pushFacts(facts);
  });
  afterAll(() => app.close());

  it('gives every student the status the rules give by hand', async () => {
    const { body } = await app.get(`/api/v1/sections/${SECTION}/attendance`);
    const byStudent = Object.fromEntries(body.students.map((s: any) => [s.studentId, s]));
    expect(body.level).toBe('blended');
    expect(byStudent.ali).toMatchObject({ status: 'good', eligible: true });
    expect(byStudent.ali.components).toEqual({
      virtualClass: { planned: 360, attended: 360, absent: 0, excused: 0, pending: 0, absencePercent: 0, attendancePercentToDate: 100, allowance: 90 },
      inPerson: { planned: 240, attended: 240, absent: 0, excused: 0, pending: 0, absencePercent: 0, attendancePercentToDate: 100, allowance: 60 },
      recordedLecture: { planned: 4, attended: 4, absent: 0, excused: 0, pending: 0, absencePercent: 0, attendancePercentToDate: 100, allowance: 1 },
      eActivity: { planned: 4, attended: 4, absent: 0, excused: 0, pending: 0, absencePercent: 0, attendancePercentToDate: 100, allowance: 1 },
    });
    // Exactly 25% of the virtual-class minutes: warned twice, not deprived.
    expect(byStudent.badr).toMatchObject({ status: 'warning-2', eligible: true, components: { virtualClass: { absent: 90, absencePercent: 25, allowance: 0, attendancePercentToDate: 75 } } });
    expect(byStudent.chadi).toMatchObject({ status: 'deprived', eligible: false, components: { eActivity: { absent: 2, absencePercent: 50 } } });
    expect(byStudent.eve).toMatchObject({ status: 'deprived', eligible: false, components: { eActivity: { absent: 3, absencePercent: 75 } } });
  });

  it('explains every outcome of a student with its evidence', async () => {
    const { status, body } = await app.get(`/api/v1/sections/${SECTION}/students/badr`);
    expect(status).toBe(200);
    expect(body.items).toHaveLength(16);
    const vc1 = body.items.find((i: any) => i.itemId === 'vc1');
    expect(vc1).toMatchObject({ kind: 'virtualClass', outcome: 'absent' });
    expect(vc1.evidence.map((e: any) => e.note).join(' ')).toContain('connected 0 min of the 90 min class');
    const vc2 = body.items.find((i: any) => i.itemId === 'vc2');
    expect(vc2.evidence[0].factIds).toEqual(['badr-vc2-join', 'badr-vc2-leave']);
  });

  it('lists eligibility with the reasons, as JSON and as CSV', async () => {
    const { body } = await app.get(`/api/v1/sections/${SECTION}/eligibility`);
    expect(body).toMatchObject({ sectionId: SECTION, finalized: false });
    expect(body.students.find((s: any) => s.studentId === 'chadi')).toEqual({
      studentId: 'chadi',
      eligible: false,
      status: 'deprived',
      reasons: [{ component: 'eActivity', absencePercent: 50, limitPercent: 25 }],
    });
    const csv = await app.request('GET', `/api/v1/sections/${SECTION}/eligibility`, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\n')).toContain(`${SECTION},${body.asOf},false,chadi,false,deprived,eActivity 50% > 25%`);
  });

  it('gives the same answers whatever order the facts and configuration arrive in', async () => {
    const other = await AppHarness.start(afterTerm);
    try {
      // Facts first, in reverse, with duplicates; the configuration after them.
      await other.pushFacts([...facts].reverse());
      await other.pushFacts(facts.slice(0, 50));
      await configure(other);
      const expected = await app.get(`/api/v1/sections/${SECTION}/attendance`);
      const actual = await other.get(`/api/v1/sections/${SECTION}/attendance`);
      expect(withoutTime(actual.body)).toEqual(withoutTime(expected.body));
    } finally {
      await other.close();
    }
  });

  it('gives the same answers after a restart, which resumes from its checkpoint, and after a rebuild from zero', async () => {
    const before = await app.get(`/api/v1/sections/${SECTION}/attendance`);
    const record = await app.get(`/api/v1/sections/${SECTION}/students/chadi`);
    const seen = (await app.get('/health', null)).body.projections.attendance.position;
    await app.restart();
    // The lease handed back at the stop and taken again at the start are events too: it resumes from its checkpoint and reads only those.
    const restarted = (await app.get('/health', null)).body;
    expect(BigInt(restarted.projections.attendance.resumedFrom)).toBeGreaterThanOrEqual(BigInt(seen));
    expect(BigInt(restarted.position) - BigInt(seen)).toBeLessThanOrEqual(2n);
    expect(restarted.projections.attendance).toMatchObject({ position: restarted.position, eventsBehind: 0 });
    expect(withoutTime((await app.get(`/api/v1/sections/${SECTION}/attendance`)).body)).toEqual(withoutTime(before.body));
    // Reads are audited, so the store has moved on: the rebuild reaches its head.
    const head = (await app.get('/health', null)).body.position;
    await app.rebuild();
    const rebuilt = (await app.get('/health', null)).body;
    expect(BigInt(rebuilt.projections.attendance.resumedFrom)).toBeGreaterThanOrEqual(BigInt(head));
    expect(rebuilt.projections.attendance).toMatchObject({ position: rebuilt.position });
    expect(withoutTime((await app.get(`/api/v1/sections/${SECTION}/attendance`)).body)).toEqual(withoutTime(before.body));
    expect((await app.get(`/api/v1/sections/${SECTION}/students/chadi`)).body).toEqual(record.body);
  });

  it('waives a deprivation within the floor and refuses one beyond it', async () => {
    const refused = await app.post(`/api/v1/sections/${SECTION}/waivers`, { studentId: 'eve', decidedBy: 'college council', reason: 'illness' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('eActivity absence 75%');
    const granted = await app.post(`/api/v1/sections/${SECTION}/waivers`, { studentId: 'chadi', decidedBy: 'college council', reason: 'hospital stay' });
    expect(granted.status).toBe(201);
    const { body } = await app.get(`/api/v1/sections/${SECTION}/eligibility?after=${granted.body.position}`);
    expect(body.students.find((s: any) => s.studentId === 'chadi')).toMatchObject({ status: 'waived', eligible: true });
    expect(body.students.find((s: any) => s.studentId === 'eve')).toMatchObject({ status: 'deprived', eligible: false });
  });

  it('freezes eligibility at finalization until reopened, and answers as of a past date', async () => {
    const finalized = await app.post(`/api/v1/sections/${SECTION}/eligibility/finalize`, { reason: 'end of term' });
    expect(finalized.status).toBe(200);
    expect((await app.post(`/api/v1/sections/${SECTION}/eligibility/finalize`, {})).status).toBe(409);
    app.setTime('2026-10-16T00:00:00Z');
    const excused = await app.post(`/api/v1/sections/${SECTION}/excuses`, { studentId: 'eve', itemIds: ['ea1', 'ea2', 'ea3'], reason: 'medical', decidedBy: 'department council' });
    expect(excused.status).toBe(201);
    const frozen = await app.get(`/api/v1/sections/${SECTION}/eligibility?after=${excused.body.position}`);
    expect(frozen.body.finalized).toBe(true);
    expect(frozen.body.students.find((s: any) => s.studentId === 'eve')).toMatchObject({ status: 'deprived' });
    // The excuse is shown in the record even while eligibility is frozen.
    const record = await app.get(`/api/v1/sections/${SECTION}/students/eve`);
    expect(record.body.items.find((i: any) => i.itemId === 'ea1').outcome).toBe('excused');

    const reopened = await app.post(`/api/v1/sections/${SECTION}/eligibility/reopen`, {});
    const live = await app.get(`/api/v1/sections/${SECTION}/eligibility?after=${reopened.body.position}`);
    expect(live.body.finalized).toBe(false);
    expect(live.body.students.find((s: any) => s.studentId === 'eve')).toMatchObject({ status: 'good', eligible: true });

    // As of the day before the excuse, eve was still deprived.
    const asOf = await app.get(`/api/v1/sections/${SECTION}/eligibility?asOf=2026-10-15T12:00:00Z`);
    expect(asOf.body.students.find((s: any) => s.studentId === 'eve')).toMatchObject({ status: 'deprived' });
    // Everything here was recorded after the term: as of mid-term nothing was known yet.
    const midTerm = await app.get(`/api/v1/sections/${SECTION}/eligibility?asOf=2026-09-07T00:00:00Z`);
    expect(midTerm.body.students).toEqual([]);
  });
});
