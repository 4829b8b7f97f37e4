import type { EventStore } from '@attendance/event-store';
import { EVENT_STORE } from '../../apps/api/src/config/tokens';
import { NoticeIssuer } from '../../apps/api/src/notices/notice-issuer';
import { AttendanceProjection } from '../../apps/api/src/projection/attendance.projection';
import { ADMIN_TOKEN, AppHarness } from '../support/app-harness';
import { Operation, operationsOf } from './api-model';
import type { IdPools } from './schema-arbitrary';

/** Who calls: a role and subject with a real token, or nobody, or a token that is not one. */
export interface Caller {
  name: string;
  token: string | null;
  role?: string;
  subject?: string;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
}

export interface Sent {
  method: string;
  path: string;
  /** The path's parameters as the route reads them (decoded). */
  params: Record<string, string>;
  caller: Caller;
  headers?: Record<string, string>;
  /** Exactly the bytes sent, when not JSON of `body`. */
  raw?: string;
  body?: unknown;
}

/**
 * The service with a small term in it, a caller of every role, and one way to send a request and
 * check what every answer must satisfy: never a 5xx; a refused request changes nothing; no role
 * reads what its scope forbids.
 */
export class FuzzSession {
  operations: Operation[] = [];
  callers: Caller[] = [];
  readonly pools: IdPools = {
    sectionId: ['F1', 'F2', 'NOPE'],
    studentId: ['st-a', 'st-b', 'st-z'],
    itemId: ['vc1', 'ip1', 'rl1', 'ea1', 'nope'],
    any: ['F1', 'st-a', 'vc1', 'x-1'],
  };
  private constructor(readonly app: AppHarness) {}

  static async start(): Promise<FuzzSession> {
    const app = await AppHarness.start('2026-10-20T00:00:00Z', {
      RATE_LIMIT_PER_MINUTE: '0',
      BBB_SHARED_SECRET: 'bbb-fuzz-secret',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'zoom-fuzz-secret',
      MOODLE_WEBHOOK_TOKEN: 'moodle-fuzz-token',
      CALIPER_BEARER_TOKEN: 'caliper-fuzz-token',
    });
    const session = new FuzzSession(app);
    await session.seed();
    return session;
  }

  private async seed(): Promise<void> {
    const app = this.app;
    const ok = async (answer: Promise<{ status: number; text: string }>) => {
      const { status, text } = await answer;
      if (status >= 300) throw new Error(`fuzz fixture refused: ${status} ${text}`);
    };
    await ok(app.put('/api/v1/sections/F1', { termId: 'T', courseCode: 'C1', level: 'blended', inPersonSharePercent: 50, instructors: ['dr-f'] }));
    await ok(app.put('/api/v1/sections/F2', { termId: 'T', courseCode: 'C2', level: 'online', instructors: ['dr-g'] }));
    for (const [s, st] of [['F1', 'st-a'], ['F1', 'st-b'], ['F2', 'st-a']]) await ok(app.put(`/api/v1/sections/${s}/enrollments/${st}`, { enrolledAt: '2026-09-01T00:00:00Z' }));
    const items: Array<[string, Record<string, unknown>]> = [
      ['vc1', { kind: 'virtualClass', startsAt: '2026-09-06T08:00:00Z', endsAt: '2026-09-06T09:30:00Z' }],
      ['ip1', { kind: 'inPerson', startsAt: '2026-09-07T08:00:00Z', endsAt: '2026-09-07T09:00:00Z' }],
      ['rl1', { kind: 'recordedLecture', durationMinutes: 30, dueAt: '2026-09-10T00:00:00Z' }],
      ['ea1', { kind: 'eActivity', dueAt: '2026-09-10T00:00:00Z' }],
    ];
    for (const [itemId, body] of items) await ok(app.put(`/api/v1/sections/F1/items/${itemId}`, body));
    await ok(app.put('/api/v1/sections/F2/items/vc1', items[0][1]));
    this.callers = [
      { name: 'nobody', token: null },
      { name: 'forged', token: 'not-a-token-at-all' },
      { name: 'admin', token: ADMIN_TOKEN, role: 'admin', subject: 'admin' },
    ];
    for (const [role, subject] of [['integration', 'lms'], ['registrar', 'reg'], ['faculty', 'dr-f'], ['faculty', 'dr-g'], ['student', 'st-a'], ['student', 'st-b']]) {
      this.callers.push({ name: `${role}:${subject}`, token: await app.token(role, subject), role, subject });
    }
    this.operations = operationsOf((await app.get('/api/docs-json', null)).body);
  }

  private get store(): EventStore {
    return this.app.app.get<EventStore>(EVENT_STORE);
  }

  /** The store's head once everything the last request set going (notices) has settled. */
  async head(): Promise<bigint> {
    await this.app.app.get(NoticeIssuer).settled();
    return this.store.headPosition();
  }

  teaches(subject: string, sectionId: string): boolean {
    return this.app.app.get(AttendanceProjection).model.definition(sectionId)?.instructors.includes(subject) ?? false;
  }

  /** Sends it; a stream is closed as soon as it has answered. */
  async send(request: Sent): Promise<Answer> {
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.caller.token !== null && headers.authorization === undefined) headers.authorization = `Bearer ${request.caller.token}`;
    let body: string | undefined = request.raw;
    if (body === undefined && request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const controller = new AbortController();
    const response = await fetch(this.app.url + request.path, { method: request.method, headers, body, signal: controller.signal });
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      controller.abort();
      return { status: response.status, body: undefined, text: '' };
    }
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, text };
  }

  /**
   * Sends a request and checks the answer against what holds for every request. Answers it, and
   * why a check failed (a readable line) when one did.
   */
  async check(request: Sent, op?: Operation): Promise<{ answer: Answer; failure?: string }> {
    const before = await this.head();
    const answer = await this.send(request);
    const what = `${request.method} ${request.path} as ${request.caller.name} → ${answer.status} ${answer.text.slice(0, 300)}`;
    if (answer.status >= 500) return { answer, failure: `a 5xx: ${what}` };
    if (answer.status >= 400) {
      const after = await this.head();
      if (after !== before) return { answer, failure: `refused, yet the store moved from ${before} to ${after}: ${what}` };
    }
    const scope = op && this.scopeProblem(request, op, answer);
    return { answer, failure: scope && `${scope}: ${what}` };
  }

  private scopeProblem(request: Sent, op: Operation, answer: Answer): string | undefined {
    const success = answer.status >= 200 && answer.status < 300;
    if (!success || op.roles.includes('anyone')) return undefined;
    const { role, subject } = request.caller;
    if (!role) return 'answered without a valid token';
    if (!op.roles.includes(role)) return `answered the ${role} role, which the route does not allow`;
    const { studentId, sectionId } = request.params;
    if (role === 'student' && studentId !== undefined && studentId !== subject) return `a student read another student (${studentId})`;
    if (role === 'faculty' && sectionId !== undefined && !this.teaches(subject!, sectionId)) return `an instructor reached a section they do not teach (${sectionId})`;
    if (role === 'faculty' && op.path === '/api/v1/events' && Array.isArray(answer.body?.results)) {
      const events = (request.body as { events?: Array<{ sectionId?: unknown }> })?.events ?? [];
      const leaked = answer.body.results.find((r: any, i: number) => r.status !== 'rejected' && !this.teaches(subject!, String(events[i]?.sectionId)));
      if (leaked) return `an instructor recorded a fact in a section they do not teach (${leaked.id})`;
    }
    return undefined;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
