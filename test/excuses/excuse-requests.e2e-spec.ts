import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AppHarness } from '../support/app-harness';

/**
 * Excuse requests (rules R7, I5) on a hand-worked section: ten one-hour virtual classes, all held
 * by the first days of term. Student s-1 missed three (30%: deprived), s-2 missed one (10%).
 */

const START = Date.parse('2026-09-06T05:00:00Z');
const classes = Array.from({ length: 10 }, (_, i) => ({ itemId: `vc${i + 1}`, startsAt: new Date(START + i * 86_400_000).toISOString(), endsAt: new Date(START + i * 86_400_000 + 3_600_000).toISOString() }));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('excuse requests, decided by the councils', () => {
  let app: AppHarness;
  const tokens: Record<string, string> = {};

  const row = async (studentId: string) => (await app.get(`/api/v1/sections/CS-1/students/${studentId}`)).body;
  const notices = async (studentId: string) => {
    const position = await app.app.get(NoticeIssuer).settled();
    return (await app.get(`/api/v1/students/${studentId}/notifications?after=${position}`)).body.notifications as Array<{ kind: string; status: string; excuse?: { requestId: string; reason?: string }; message: { en: string } }>;
  };
  const upload = (studentId: string, bytes: Buffer, name: string, token = tokens[studentId], contentType = 'application/pdf') =>
    fetch(`${app.url}/api/v1/students/${studentId}/documents?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: bytes });
  const submit = (studentId: string, itemIds: string[], documentIds: string[] = [], token = tokens[studentId]) =>
    app.post('/api/v1/sections/CS-1/excuse-requests', { studentId, itemIds, reason: 'medical: admitted to hospital', documentIds }, token);
  const decide = (requestId: string, decision: string, reason?: string, token = tokens.cs) => app.post(`/api/v1/excuse-requests/${requestId}/decision`, reason === undefined ? { decision } : { decision, reason }, token);

  beforeAll(async () => {
    app = await AppHarness.start('2026-09-20T00:00:00Z');
    await app.put('/api/v1/sections/CS-1', { termId: '1448-1', courseCode: 'CS210', level: 'online', college: 'science', department: 'cs', instructors: ['dr-a'], policy: { noticeDelayMinutes: 0 } });
    await app.put('/api/v1/sections/MA-1', { termId: '1448-1', courseCode: 'MA101', level: 'online', college: 'science', department: 'math', instructors: ['dr-b'], policy: { noticeDelayMinutes: 0 } });
    for (const c of classes) await app.put(`/api/v1/sections/CS-1/items/${c.itemId}`, { kind: 'virtualClass', startsAt: c.startsAt, endsAt: c.endsAt });
    const facts = [];
    for (const [studentId, missed] of [['s-1', 3], ['s-2', 1], ['s-3', 0]] as const) {
      await app.put(`/api/v1/sections/CS-1/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' });
      for (const c of classes.slice(missed)) {
        facts.push({ id: `${studentId}-${c.itemId}-in`, type: 'virtual-class.joined', occurredAt: c.startsAt, sectionId: 'CS-1', studentId, itemId: c.itemId });
        facts.push({ id: `${studentId}-${c.itemId}-out`, type: 'virtual-class.left', occurredAt: c.endsAt, sectionId: 'CS-1', studentId, itemId: c.itemId });
      }
    }
    await app.pushFacts(facts);
    for (const [role, subject] of [['student', 's-1'], ['student', 's-2'], ['student', 's-3'], ['faculty', 'dr-a'], ['faculty', 'dr-b'], ['department', 'cs'], ['department', 'math'], ['college', 'science'], ['registrar', 'reg']] as const) {
      tokens[subject] = await app.token(role, subject);
    }
  });
  afterAll(() => app.close());

  it('a rejected excuse changes nothing: the absence stands, and the student hears why', async () => {
    const before = await row('s-2');
    const asked = await submit('s-2', ['vc1']);
    expect(asked.status).toBe(201);
    expect(asked.body.state).toBe('submitted');
    expect((await decide(asked.body.requestId, 'reject')).body.message).toContain('reason');
    const rejected = await decide(asked.body.requestId, 'reject', 'no document was given');
    expect(rejected.body).toMatchObject({ state: 'rejected' });
    const after = await row('s-2');
    expect(after.components).toEqual(before.components);
    expect(after.items.find((i: { itemId: string }) => i.itemId === 'vc1').outcome).toBe('absent');
    const [notice] = await notices('s-2');
    expect(notice).toMatchObject({ kind: 'excuse-rejected', status: 'warning-1', excuse: { requestId: asked.body.requestId, reason: 'no document was given' } });
    expect(notice.message.en).toContain('no document was given');
    // Decided is decided.
    expect((await decide(asked.body.requestId, 'accept')).status).toBe(409);
  });

  it('an accepted excuse makes its items excused and lifts the deprivation; revoked, the absence is back and the student is told', async () => {
    expect((await row('s-1')).status).toBe('deprived');
    expect((await notices('s-1')).map((n) => n.kind)).toEqual(['deprived']);
    const asked = await submit('s-1', ['vc1', 'vc2']);
    // The same items cannot be asked for twice while they wait.
    expect((await submit('s-1', ['vc2'])).body).toMatchObject({ statusCode: 409, message: expect.stringContaining('itemIds') });
    const accepted = await decide(asked.body.requestId, 'accept', 'hospital report checked');
    expect(accepted.body).toMatchObject({ state: 'accepted' });
    const excused = await row('s-1');
    expect(excused.status).toBe('warning-1');
    expect(excused.components.virtualClass).toMatchObject({ absent: 60, excused: 120, planned: 600 });
    expect(excused.items.find((i: { itemId: string }) => i.itemId === 'vc1').evidence.some((e: { kind: string }) => e.kind === 'excuse')).toBe(true);
    expect((await notices('s-1')).slice(0, 2).map((n) => n.kind)).toEqual(['lifted', 'excuse-accepted']);

    app.setTime('2026-09-20T01:00:00Z');
    expect((await app.post(`/api/v1/sections/CS-1/excuses/${asked.body.requestId}/revocation`, {}, tokens.cs)).body.message).toContain('reason');
    const revoked = await app.post(`/api/v1/sections/CS-1/excuses/${asked.body.requestId}/revocation`, { reason: 'the medical report was forged' }, tokens.cs);
    expect(revoked.body).toMatchObject({ state: 'revoked' });
    const restored = await row('s-1');
    expect(restored.status).toBe('deprived');
    expect(restored.components.virtualClass).toMatchObject({ absent: 180, excused: 0 });
    // I6: a level is told once per enrollment, so no second deprivation; the revocation tells the student where they stand.
    const told = await notices('s-1');
    expect(told[0]).toMatchObject({ kind: 'excuse-revoked', status: 'deprived', excuse: { reason: 'the medical report was forged' } });
    expect(told.filter((n) => n.kind === 'deprived')).toHaveLength(1);
    // Every step is on the request, for the student to see.
    const mine = await app.get('/api/v1/students/s-1/excuse-requests', tokens['s-1']);
    expect(mine.body.requests[0].steps.map((s: { step: string; reason?: string }) => [s.step, s.reason])).toEqual([['submitted', undefined], ['accepted', 'hospital report checked'], ['revoked', 'the medical report was forged']]);
    // As of before the revocation the excuse still held: history is not rewritten.
    const statusAsOf = async (asOf: string) => (await app.get(`/api/v1/sections/CS-1/eligibility?asOf=${asOf}`)).body.students.find((s: { studentId: string }) => s.studentId === 's-1').status;
    expect(await statusAsOf('2026-09-20T00:30:00Z')).toBe('warning-1');
    expect(await statusAsOf('2026-09-20T01:00:00Z')).toBe('deprived');
  });

  it('the policy can ask for both councils: the department forwards, the college decides', async () => {
    await app.put('/api/v1/policies/college:science', { policy: { excuseCouncils: 'department-and-college' }, effectiveFrom: app.now.toISOString(), reason: 'council decision 12/1448' });
    const asked = await submit('s-2', ['vc1']);
    expect((await decide(asked.body.requestId, 'accept')).body).toMatchObject({ statusCode: 409, message: expect.stringContaining('forward') });
    expect((await decide(asked.body.requestId, 'forward', 'recommended', tokens.science)).status).toBe(409);
    expect((await decide(asked.body.requestId, 'forward', 'recommended')).body.state).toBe('forwarded');
    expect((await decide(asked.body.requestId, 'accept', undefined, tokens.cs)).status).toBe(409);
    expect((await decide(asked.body.requestId, 'accept', undefined, tokens.science)).body.state).toBe('accepted');
    expect((await row('s-2')).status).toBe('good');
    expect((await notices('s-2')).slice(0, 3).map((n) => n.kind)).toEqual(['lifted', 'excuse-accepted', 'excuse-forwarded']);
    await app.put('/api/v1/policies/college:science', { policy: {}, effectiveFrom: app.now.toISOString(), reason: 'back to one council' });
  });

  it('a council decides only its own department\'s requests, and a sitting decides many, each on its own', async () => {
    const a = await submit('s-3', ['vc5'], [], tokens['dr-a']);
    expect(a.status).toBe(201);
    const b = await submit('s-3', ['vc6']);
    expect((await decide(a.body.requestId, 'accept', undefined, tokens.math)).status).toBe(403);
    expect((await app.get('/api/v1/excuse-requests?department=cs', tokens.math)).status).toBe(403);
    expect((await app.get('/api/v1/excuse-requests', tokens.math)).body.requests).toEqual([]);
    const queue = await app.get('/api/v1/excuse-requests?state=pending&termId=1448-1', tokens.cs);
    expect(queue.body.requests.map((r: { requestId: string }) => r.requestId)).toEqual([a.body.requestId, b.body.requestId]);
    expect(queue.body.requests[0]).toMatchObject({ section: { courseCode: 'CS210', department: 'cs' }, items: [{ itemId: 'vc5', kind: 'virtualClass' }], standing: { status: 'good' }, requestedBy: 'faculty:dr-a' });
    const sitting = await app.post(
      '/api/v1/excuse-requests/decisions',
      { decisions: [{ requestId: a.body.requestId, decision: 'accept' }, { requestId: a.body.requestId, decision: 'reject', reason: 'twice' }, { requestId: b.body.requestId, decision: 'reject', reason: 'not a recognised reason' }, { requestId: 'nope', decision: 'accept' }] },
      tokens.cs,
    );
    expect(sitting.text).toContain('results');
    expect(sitting.body.results).toEqual([
      { requestId: a.body.requestId, status: 'decided', state: 'accepted' },
      { requestId: a.body.requestId, status: 'refused', statusCode: 409, error: `excuse request ${a.body.requestId} is already accepted` },
      { requestId: b.body.requestId, status: 'decided', state: 'rejected' },
      { requestId: 'nope', status: 'refused', statusCode: 404, error: 'excuse request nope does not exist' },
    ]);
    expect((await app.get('/api/v1/excuse-requests?state=sideways', tokens.cs)).body.message).toContain('state');
    expect((await app.get(`/api/v1/excuse-requests/${a.body.requestId}`, tokens['s-1'])).status).toBe(403);
    expect((await app.post('/api/v1/sections/CS-1/excuse-requests', { studentId: 's-2', itemIds: ['vc9'], reason: 'x' }, tokens['s-1'])).status).toBe(403);
    expect((await app.post('/api/v1/sections/CS-1/excuse-requests', { studentId: 's-3', itemIds: ['vc99'], reason: 'x' }, tokens['s-3'])).body.message).toContain('vc99');
    expect((await app.post('/api/v1/sections/CS-1/excuse-requests', { studentId: 's-3', itemIds: [], reason: 'x' }, tokens['s-3'])).body.message).toContain('itemIds');
  });

  it('documents are typed by their content, read only by the student, the deciding council and admins, every read audited; erased, they cannot be read and the decisions stay', async () => {
    const refused = await upload('s-3', Buffer.from('just text, named like a PDF'), 'report.pdf');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('PDF, PNG or JPEG');
    expect((await upload('s-3', Buffer.alloc(3 * 1024 * 1024 + 1, 0x25), 'huge.pdf')).status).toBe(413);
    expect((await upload('s-2', PDF, 'r.pdf', tokens['s-3'])).status).toBe(403);
    // Whatever type it claims, a document stays its own bytes.
    expect(await (await upload('s-3', PDF, 'claimed-text.pdf', tokens['s-3'], 'text/plain')).json()).toMatchObject({ contentType: 'application/pdf', bytes: PDF.length });
    const stored = await upload('s-3', PDF, 'medical report.pdf', tokens['s-3'], 'application/octet-stream');
    expect(stored.status).toBe(201);
    const doc = (await stored.json()) as { documentId: string };
    expect(doc).toMatchObject({ name: 'medical report.pdf', contentType: 'application/pdf', bytes: PDF.length });
    // Another student cannot attach it.
    expect((await submit('s-2', ['vc7'], [doc.documentId], tokens['s-2'])).body.message).toContain('documentIds');
    const asked = await submit('s-3', ['vc7'], [doc.documentId]);
    const path = `/api/v1/excuse-requests/${asked.body.requestId}/documents/${doc.documentId}`;
    const read = (token: string) => fetch(app.url + path, { headers: { authorization: `Bearer ${token}` } });
    for (const reader of ['s-1', 'dr-a', 'dr-b', 'math', 'reg']) expect([reader, (await read(tokens[reader])).status]).toEqual([reader, 403]);
    for (const reader of ['s-3', 'cs', 'science']) {
      const answer = await read(tokens[reader]);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await answer.arrayBuffer()).equals(PDF)).toBe(true);
    }
    const audit = await app.get('/api/v1/audit/students/s-3');
    expect(audit.body.reads.filter((r: { what: string }) => r.what.startsWith('GET excuse document')).map((r: { by: { subject: string } }) => r.by.subject).sort()).toEqual(['cs', 's-3', 'science']);
    expect((await decide(asked.body.requestId, 'accept')).body.state).toBe('accepted');

    const erased = await app.post('/api/v1/students/s-3/documents/erasure', { reason: 'the student asked for erasure (PDPL)' });
    expect(erased.body).toMatchObject({ studentId: 's-3', documents: 2 });
    expect((await read(tokens.cs)).status).toBe(410);
    expect((await read(tokens['s-3'])).status).toBe(410);
    const request = await app.get(`/api/v1/excuse-requests/${asked.body.requestId}`);
    expect(request.body).toMatchObject({ state: 'accepted', documents: [{ documentId: doc.documentId, erased: true }] });
    expect((await row('s-3')).items.find((i: { itemId: string }) => i.itemId === 'vc7').outcome).toBe('excused');
    // After a restart and a rebuild from the first event the same holds.
    await app.rebuild();
    expect((await app.get(`/api/v1/excuse-requests/${asked.body.requestId}`)).body).toMatchObject({ state: 'accepted', documents: [{ erased: true }] });
    expect((await fetch(app.url + path, { headers: { authorization: `Bearer ${tokens.cs}` } })).status).toBe(410);
  });
});
