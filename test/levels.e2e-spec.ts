import { AppHarness } from './support/app-harness';

/** One small term per remaining level, its statuses worked out by hand in the comments. */

const at = (day: number, hour: string) => `2026-09-${String(day).padStart(2, '0')}T${hour}:00+03:00`;
type Fact = Record<string, unknown>;

async function term(app: AppHarness, sectionId: string, level: string, items: Array<[string, Fact]>, students: string[], facts: Fact[]): Promise<Record<string, any>> {
  await app.put(`/api/v1/sections/${sectionId}`, { termId: 'T', courseCode: sectionId, level });
  for (const s of students) await app.put(`/api/v1/sections/${sectionId}/enrollments/${s}`, { enrolledAt: at(1, '00:00') });
  for (const [itemId, body] of items) await app.put(`/api/v1/sections/${sectionId}/items/${itemId}`, body);
  const { position } = await app.pushFacts(facts.map((f, i) => ({ id: `${sectionId}-${i}`, sectionId, ...f })));
  const { body } = await app.get(`/api/v1/sections/${sectionId}/attendance?after=${position}`);
  return Object.fromEntries(body.students.map((s: any) => [s.studentId, s]));
}

describe('a small term at each level', () => {
  let app: AppHarness;
  beforeAll(async () => (app = await AppHarness.start('2026-10-01T00:00:00Z')));
  afterAll(() => app.close());

  it('supporting: classroom minutes only; a session nobody was marked in is left out', async () => {
    // Five 100-minute sessions; r5 was never taken. Planned 400: hana misses one (25%), yusuf two (50%).
    const items: Array<[string, Fact]> = [1, 2, 3, 4, 5].map((d) => [`r${d}`, { kind: 'inPerson', startsAt: at(d + 5, '10:00'), endsAt: at(d + 5, '11:40') }]);
    const mark = (studentId: string, itemId: string, status: string) => ({ type: 'in-person.marked', studentId, itemId, status, occurredAt: at(6, '10:05') });
    const facts = [
      ...['r1', 'r2', 'r3', 'r4'].map((r) => mark('ali', r, 'present')),
      mark('hana', 'r1', 'present'), mark('hana', 'r2', 'late'), mark('hana', 'r3', 'absent'), mark('hana', 'r4', 'present'),
      mark('yusuf', 'r1', 'present'), mark('yusuf', 'r2', 'absent'),
    ];
    const rows = await term(app, 'SUP', 'supporting', items, ['ali', 'hana', 'yusuf'], facts);
    expect(Object.keys(rows.ali.components)).toEqual(['inPerson']);
    expect(rows.ali).toMatchObject({ status: 'good', components: { inPerson: { planned: 400, attended: 400, allowance: 100 } } });
    expect(rows.hana).toMatchObject({ status: 'warning-2', eligible: true, components: { inPerson: { planned: 400, attended: 300, absent: 100, absencePercent: 25 } } });
    // yusuf was marked only in r1 and r2; attendance was taken in r3 and r4, so unmarked is absent there.
    expect(rows.yusuf).toMatchObject({ status: 'deprived', eligible: false, components: { inPerson: { absent: 300, absencePercent: 75 } } });
    const findings = (await app.get('/api/v1/sections/SUP/attendance')).body.findings;
    expect(findings).toEqual([expect.objectContaining({ rule: 'attendance-not-taken', itemId: 'r5' })]);
  });

  it('supporting: the first mark of a session makes everyone else absent there, in the statuses already stored', async () => {
    // The term above, its statuses stored. r5 is taken now, with one mark for ali: hana and yusuf, unmarked, were absent.
    const mark = { type: 'in-person.marked', sectionId: 'SUP', studentId: 'ali', itemId: 'r5', status: 'present', occurredAt: at(10, '10:05') };
    const { position } = await app.pushFacts([{ id: 'SUP-r5-ali', ...mark }]);
    const { body } = await app.get(`/api/v1/sections/SUP/attendance?after=${position}`);
    const rows = Object.fromEntries(body.students.map((s: any) => [s.studentId, s]));
    expect(rows.ali).toMatchObject({ status: 'good', components: { inPerson: { planned: 500, attended: 500 } } });
    expect(rows.hana).toMatchObject({ status: 'deprived', components: { inPerson: { planned: 500, absent: 200, absencePercent: 40 } } });
    expect(rows.yusuf).toMatchObject({ status: 'deprived', components: { inPerson: { planned: 500, absent: 400, absencePercent: 80 } } });
  });

  it('online: virtual classes and e-activities, each against its own limit', async () => {
    // Two 120-minute classes (240) and four activities. layla joins v2 30 min late for the rest (90 of 120: present but late),
    // misses one activity (25%); samir leaves v1 after 50 min (under half: absent, 50%) and submits everything.
    const items: Array<[string, Fact]> = [
      ['v1', { kind: 'virtualClass', startsAt: at(6, '20:00'), endsAt: at(6, '22:00') }],
      ['v2', { kind: 'virtualClass', startsAt: at(13, '20:00'), endsAt: at(13, '22:00') }],
      ...[1, 2, 3, 4].map((n): [string, Fact] => [`a${n}`, { kind: 'eActivity', dueAt: at(7 + n, '23:59') }]),
    ];
    const join = (studentId: string, itemId: string, time: string, day: number) => ({ type: 'virtual-class.joined', studentId, itemId, occurredAt: at(day, time) });
    const leave = (studentId: string, itemId: string, time: string, day: number) => ({ type: 'virtual-class.left', studentId, itemId, occurredAt: at(day, time) });
    const submit = (studentId: string, itemId: string, day: number) => ({ type: 'e-activity.submitted', studentId, itemId, occurredAt: at(day, '12:00') });
    const facts = [
      join('layla', 'v1', '20:00', 6), join('layla', 'v2', '20:30', 13),
      submit('layla', 'a1', 8), submit('layla', 'a2', 9), submit('layla', 'a3', 10),
      join('samir', 'v1', '20:00', 6), leave('samir', 'v1', '20:50', 6), join('samir', 'v2', '20:00', 13),
      ...[1, 2, 3, 4].map((n) => submit('samir', `a${n}`, 7 + n)),
    ];
    const rows = await term(app, 'ONL', 'online', items, ['layla', 'samir'], facts);
    expect(Object.keys(rows.layla.components).sort()).toEqual(['eActivity', 'virtualClass']);
    expect(rows.layla).toMatchObject({ status: 'warning-2', components: { virtualClass: { attended: 240, absent: 0 }, eActivity: { attended: 3, absent: 1, absencePercent: 25 } } });
    expect(rows.samir).toMatchObject({ status: 'deprived', components: { virtualClass: { attended: 120, absent: 120, absencePercent: 50 }, eActivity: { absent: 0 } } });
    const record = (await app.get('/api/v1/sections/ONL/students/layla')).body;
    expect(record.items.find((i: any) => i.itemId === 'v2').outcome).toBe('late');
  });

  it('distance programme: synchronous lectures only, with a short class left out', async () => {
    // Four 60-minute lectures and one of 30 (below R8's 60: not counted). mona misses one 60 (25%): warned;
    // fahad misses two (50%): deprived. Nobody attends the short one, which changes nothing.
    const items: Array<[string, Fact]> = [
      ...[1, 2, 3, 4].map((n): [string, Fact] => [`l${n}`, { kind: 'virtualClass', startsAt: at(5 + n, '18:00'), endsAt: at(5 + n, '19:00') }]),
      ['short', { kind: 'virtualClass', startsAt: at(15, '18:00'), endsAt: at(15, '18:30') }],
      ['task', { kind: 'eActivity', dueAt: at(20, '23:59') }],
    ];
    const attend = (studentId: string, n: number) => [
      { type: 'virtual-class.joined', studentId, itemId: `l${n}`, occurredAt: at(5 + n, '17:58') },
      { type: 'virtual-class.left', studentId, itemId: `l${n}`, occurredAt: at(5 + n, '19:01') },
    ];
    const facts = [...[1, 2, 3].flatMap((n) => attend('mona', n)), ...[1, 2].flatMap((n) => attend('fahad', n))];
    const rows = await term(app, 'DST', 'distance-program', items, ['mona', 'fahad'], facts);
    expect(Object.keys(rows.mona.components)).toEqual(['virtualClass']);
    expect(rows.mona).toMatchObject({ status: 'warning-2', eligible: true, components: { virtualClass: { planned: 240, absent: 60, absencePercent: 25, allowance: 0 } } });
    expect(rows.fahad).toMatchObject({ status: 'deprived', eligible: false, components: { virtualClass: { planned: 240, absent: 120 } } });
    const findings = (await app.get('/api/v1/sections/DST/attendance')).body.findings.map((f: any) => f.rule);
    expect(findings).toContain('R8');
  });
});
