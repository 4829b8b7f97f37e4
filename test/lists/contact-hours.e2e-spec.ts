import ExcelJS from 'exceljs';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { configureContactHoursTerm, NOW, TERM } from '../support/contact-hours-term';

/**
 * The contact-hours report (NR Art. 8.4; R8, R13) on the hand-worked term of
 * test/support/contact-hours-term.ts: every figure exactly, per section, per term and per
 * instructor; the same rows as CSV and as XLSX; roles, scopes and errors that name the field.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const h = (hours: number, count?: number) => (count === undefined ? { seconds: hours * 3600, minutes: hours * 60, hours } : { count, seconds: hours * 3600, minutes: hours * 60, hours });

describe('contact hours', () => {
  let app: AppHarness;
  const get = (path: string, accept = 'application/json', token?: string) => app.request('GET', `/api/v1${path}`, { headers: { accept }, token });

  /** A workbook's rows as CSV lines, each cell as text; an empty cell is an empty field. */
  async function workbookLines(path: string, token = ADMIN_TOKEN): Promise<{ name: string; lines: string[] }> {
    const response = await fetch(`${app.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, accept: XLSX } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))).join(',')));
    return { name: sheet.name, lines };
  }

  beforeAll(async () => {
    app = await AppHarness.start(NOW);
    await configureContactHoursTerm(app);
  });
  afterAll(() => app.close());

  it("gives a section's classes planned, held, not held, pending, cancelled and short, what was published, and the units taught synchronously", async () => {
    const { status, body } = await get('/sections/CH-1/contact-hours');
    expect(status).toBe(200);
    expect(body).toMatchObject({ sectionId: 'CH-1', termId: TERM, courseCode: 'CH101', level: 'distance-program', college: 'engineering', department: 'civil', instructors: ['dr-h', 'dr-k'], asOf: '2026-10-01T12:00:00.000Z', minVirtualClassMinutes: 60 });
    expect(body.virtualClasses).toEqual({
      planned: h(6.25, 5),
      held: h(3.75, 3),
      notHeld: h(1.5, 1),
      pending: h(1, 1),
      cancelled: h(1, 1),
      short: h(0.75, 1),
    });
    expect(body.heldByInstructor).toEqual({ 'dr-h': h(2.25, 2), 'dr-k': h(1.5, 1) });
    expect(body.recordedLectures).toEqual(h(0.5, 1));
    expect(body.eActivities).toEqual({ count: 2 });
    expect(body.units).toEqual({ total: 2, synchronousPlanned: 2, synchronousHeld: 1, synchronousPlannedPercent: 100, synchronousHeldPercent: 50 });
    expect(body.classes.map((c: any) => [c.itemId, c.state, c.short, c.instructorsConnected, c.scheduled.minutes, c.instructorConnected.minutes])).toEqual([
      ['vc1', 'held', false, ['dr-h'], 90, 90],
      ['vc2', 'held', false, ['dr-k'], 90, 70],
      ['vc3', 'not-held', false, [], 90, 0],
      ['vc4', 'cancelled', false, [], 60, 0],
      ['vc5', 'held', true, ['dr-h'], 45, 40],
      ['vc6', 'pending', false, [], 60, 0],
    ]);
    expect(body.classes[0]).toMatchObject({ title: 'Unit 1, first class', unit: 'u1', startsAt: '2026-09-06T08:00:00.000Z', endsAt: '2026-09-06T09:30:00.000Z' });
    expect(body.findings.map((f: any) => [f.rule, f.code, f.itemId ?? null])).toEqual([
      ['R8', 'short-class', 'vc5'],
      ['R13', 'few-interactive-units', null],
    ]);
  });

  it("gives each enrolled student's contact time: connected time in held classes, and classroom sessions attended", async () => {
    const { body } = await get('/sections/CH-1/contact-hours');
    expect(body.students).toEqual([
      { studentId: 'amal', virtualClass: { classesJoined: 3, seconds: 215 * 60, minutes: 215, hours: 3.58 }, inPerson: { sessions: 1, ...h(2) } },
      { studentId: 'badr', virtualClass: { classesJoined: 2, seconds: 99 * 60 + 30, minutes: 100, hours: 1.66 }, inPerson: { sessions: 1, ...h(2) } },
      { studentId: 'chen', virtualClass: { classesJoined: 0, ...h(0) }, inPerson: { sessions: 0, ...h(0) } },
    ]);
    // (215 min + 99 min 30 s + 0) over 3 enrollments; the instructors and the dropped student are not students here.
    expect(body.studentContact).toEqual({ enrollments: 3, total: { seconds: 18_870, minutes: 315, hours: 5.24 }, mean: { seconds: 6290, minutes: 105, hours: 1.75 } });
  });

  it('answers the students as CSV and XLSX with the same rows; each read is audited', async () => {
    const csv = await get('/sections/CH-1/contact-hours', 'text/csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="contact-hours-CH-1.csv"');
    expect(csv.text).toBe(
      [
        'termId,sectionId,courseCode,studentId,heldClasses,heldHours,classesJoined,virtualClassMinutes,virtualClassHours,inPersonSessions,inPersonMinutes,inPersonHours',
        '1448-1,CH-1,CH101,amal,3,3.75,3,215,3.58,1,120,2',
        '1448-1,CH-1,CH101,badr,3,3.75,2,100,1.66,1,120,2',
        '1448-1,CH-1,CH101,chen,3,3.75,0,0,0,0,0,0',
        '',
      ].join('\n'),
    );
    expect((await app.get('/api/v1/audit/students/badr')).body.reads[0].what).toBe('GET /sections/CH-1/contact-hours (CSV)');
    const workbook = await workbookLines('/sections/CH-1/contact-hours');
    expect(workbook).toEqual({ name: 'Contact hours CH-1', lines: csv.text.trim().split('\n') });
    const audit = await app.get('/api/v1/audit/students/amal');
    expect(audit.body.reads[0]).toMatchObject({ what: 'GET /sections/CH-1/contact-hours (XLSX)', by: { role: 'admin' } });
  });

  it('gives a term a row a section and the totals, filtered by college or department', async () => {
    const { status, body } = await get(`/terms/${TERM}/contact-hours`);
    expect(status).toBe(200);
    expect(body.sections.map((s: any) => s.sectionId)).toEqual(['CH-1', 'CH-2']);
    expect(body.sections[0]).not.toHaveProperty('students');
    expect(body.sections[1]).toMatchObject({
      sectionId: 'CH-2',
      virtualClasses: { planned: h(2, 2), held: h(1, 1), notHeld: h(1, 1), pending: h(0, 0), cancelled: h(0, 0), short: h(0, 0) },
      eActivities: { count: 1 },
      units: { total: 2, synchronousPlanned: 2, synchronousHeld: 1, synchronousHeldPercent: 50 },
      studentContact: { enrollments: 1, total: h(1), mean: h(1) },
    });
    expect(body.totals).toEqual({
      sections: 2,
      virtualClasses: { planned: h(8.25, 7), held: h(4.75, 4), notHeld: h(2.5, 2), pending: h(1, 1), cancelled: h(1, 1), short: h(0.75, 1) },
      recordedLectures: h(0.5, 1),
      eActivities: { count: 3 },
      units: { total: 4, synchronousPlanned: 4, synchronousHeld: 2, synchronousPlannedPercent: 100, synchronousHeldPercent: 50 },
      studentContact: { enrollments: 4, total: { seconds: 22_470, minutes: 375, hours: 6.24 }, mean: { seconds: 5617, minutes: 94, hours: 1.56 } },
    });
    const science = await get(`/terms/${TERM}/contact-hours?college=science`);
    expect([science.body.college, science.body.sections.map((s: any) => s.sectionId), science.body.totals.virtualClasses.planned.count]).toEqual(['science', ['CH-2'], 2]);
    expect((await get(`/terms/${TERM}/contact-hours?department=civil`)).body.sections.map((s: any) => s.sectionId)).toEqual(['CH-1']);
    const none = await get(`/terms/${TERM}/contact-hours?college=medicine`);
    expect([none.status, none.body.sections, none.body.totals.sections, none.body.totals.units.synchronousHeldPercent]).toEqual([200, [], 0, null]);
  });

  it("answers the term's rows as CSV and XLSX, the totals last", async () => {
    const csv = await get(`/terms/${TERM}/contact-hours`, 'text/csv');
    expect(csv.text.trim().split('\n')).toEqual([
      'row,termId,sectionId,courseCode,college,department,level,instructors,plannedClasses,plannedHours,heldClasses,heldHours,notHeldClasses,notHeldHours,pendingClasses,pendingHours,cancelledClasses,cancelledHours,shortClasses,recordedLectures,recordedLectureHours,eActivities,units,synchronousUnitsPlanned,synchronousUnitsHeld,synchronousHeldPercent,enrollments,attendedHours,meanAttendedHours',
      'section,1448-1,CH-1,CH101,engineering,civil,distance-program,dr-h dr-k,5,6.25,3,3.75,1,1.5,1,1,1,1,1,1,0.5,2,2,2,1,50,3,5.24,1.75',
      'section,1448-1,CH-2,CH102,science,physics,online,dr-h,2,2,1,1,1,1,0,0,0,0,0,0,0,1,2,2,1,50,1,1,1',
      'total,1448-1,,,,,,,7,8.25,4,4.75,2,2.5,1,1,1,1,1,1,0.5,3,4,4,2,50,4,6.24,1.56',
    ]);
    expect(await workbookLines(`/terms/${TERM}/contact-hours`)).toEqual({ name: `Contact hours ${TERM}`, lines: csv.text.trim().split('\n') });
  });

  it("gives an instructor their sections of the term, with the classes held with them connected", async () => {
    const drH = await get(`/instructors/dr-h/contact-hours?termId=${TERM}`);
    expect(drH.body.sections.map((s: any) => [s.sectionId, s.heldByThisInstructor])).toEqual([
      ['CH-1', h(2.25, 2)],
      ['CH-2', h(1, 1)],
    ]);
    expect(drH.body.totals).toMatchObject({ sections: 2, heldByThisInstructor: h(3.25, 3), virtualClasses: { held: h(4.75, 4) } });
    const token = await app.token('faculty', 'dr-k');
    const drK = await get(`/instructors/dr-k/contact-hours?termId=${TERM}`, 'application/json', token);
    expect([drK.status, drK.body.sections.map((s: any) => s.sectionId), drK.body.totals.heldByThisInstructor]).toEqual([200, ['CH-1'], h(1.5, 1)]);
    const csv = await get(`/instructors/dr-k/contact-hours?termId=${TERM}`, 'text/csv', token);
    expect(csv.text.trim().split('\n').map((line) => [line.split(',')[0], line.split(',')[1], line.split(',').slice(-2).join(',')])).toEqual([
      ['facultyId', 'row', 'heldByThisInstructorClasses,heldByThisInstructorHours'],
      ['dr-k', 'section', '1,1.5'],
      ['dr-k', 'total', '1,1.5'],
    ]);
    expect(await workbookLines(`/instructors/dr-k/contact-hours?termId=${TERM}`, token)).toEqual({ name: 'Contact hours dr-k', lines: csv.text.trim().split('\n') });
  });

  it('refuses the wrong role or scope (403), an unknown section (404) and an unknown or missing term (400), naming the field; never a 500', async () => {
    const student = await app.token('student', 'amal');
    const stranger = await app.token('faculty', 'dr-x');
    const drK = await app.token('faculty', 'dr-k');
    const registrar = await app.token('registrar', 'reg-1');
    expect((await get('/sections/CH-1/contact-hours', 'application/json', drK)).status).toBe(200);
    expect((await get('/sections/CH-1/contact-hours', 'application/json', registrar)).status).toBe(200);
    expect((await get('/sections/CH-1/contact-hours', 'application/json', stranger)).status).toBe(403);
    expect((await get('/sections/CH-1/contact-hours', 'application/json', student)).status).toBe(403);
    expect((await get(`/terms/${TERM}/contact-hours`, 'application/json', drK)).status).toBe(403);
    expect((await get(`/terms/${TERM}/contact-hours`, 'application/json', registrar)).status).toBe(200);
    const other = await get(`/instructors/dr-h/contact-hours?termId=${TERM}`, 'application/json', drK);
    expect([other.status, other.body.message]).toEqual([403, 'facultyId: faculty dr-k may read only their own contact hours']);
    expect((await get(`/instructors/dr-h/contact-hours?termId=${TERM}`, 'application/json', registrar)).status).toBe(200);

    const missing = await get('/sections/NOPE/contact-hours');
    expect([missing.status, missing.body.message]).toEqual([404, 'section NOPE does not exist']);
    const unknownTerm = await get('/terms/1999-9/contact-hours');
    expect([unknownTerm.status, unknownTerm.body.message]).toEqual([404, 'termId: term 1999-9 has no section']);
    const noTerm = await get('/instructors/dr-h/contact-hours');
    expect([noTerm.status, noTerm.body.message]).toEqual([400, 'termId: is required (the term to report on)']);
    expect((await get('/instructors/dr-h/contact-hours?termId=1999-9')).body.message).toContain('termId');
    const twice = await get(`/terms/${TERM}/contact-hours?college=a&college=b`);
    expect([twice.status, twice.body.message]).toEqual([400, 'college: give it once, as text']);
    // A faculty member of no section of the term has an empty report, not an error.
    expect((await get(`/instructors/dr-x/contact-hours?termId=${TERM}`, 'application/json', stranger)).body.sections).toEqual([]);
  });
});
