import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { ADMIN_TOKEN } from '../support/app-harness';

/** What the service logged, line by line, as pino wrote it; a test waits for the line it expects. */
class CapturedLog {
  readonly lines: string[] = [];
  private waiting: Array<{ match: (line: any) => boolean; resolve: (line: any) => void }> = [];

  write = (chunk: string): void => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      this.lines.push(line);
      const parsed = JSON.parse(line);
      this.waiting = this.waiting.filter((w) => (w.match(parsed) ? (w.resolve(parsed), false) : true));
    }
  };

  /** Resolves with the first line, logged already or to come, that matches. */
  lineWhere(match: (line: any) => boolean): Promise<any> {
    const found = this.lines.map((l) => JSON.parse(l)).find(match);
    return found ? Promise.resolve(found) : new Promise((resolve) => this.waiting.push({ match, resolve }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('structured JSON logs with a request id', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attendance-logs-'));
  const log = new CapturedLog();
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: join(dir, 'logged'), ADMIN_TOKEN, PORT: '0' }), { clock: () => new Date('2026-09-01T00:00:00Z'), logTo: log });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs one JSON line per request with the route pattern, status, duration and the id echoed in x-request-id, and nothing personal', async () => {
    const response = await fetch(`${url}/api/v1/sections/SEC-SECRET-9/students/s-secret-77?asOf=2026-09-01T00:00:00Z`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'trace-4bf92f.3577' },
    });
    await response.text();
    expect(response.headers.get('x-request-id')).toBe('trace-4bf92f.3577');

    const line = await log.lineWhere((l) => l.requestId === 'trace-4bf92f.3577');
    expect(line).toMatchObject({ level: 'info', context: 'HTTP', msg: 'request', method: 'GET', route: '/api/v1/sections/:sectionId/students/:studentId', status: response.status });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    expect(log.lines.filter((l) => l.includes('trace-4bf92f.3577'))).toHaveLength(1);

    const posted = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-request-id': 'not a sane id; drop table' },
      body: JSON.stringify({ events: [{ id: 'log-f1', type: 'course.accessed', occurredAt: '2026-08-31T10:00:00+03:00', sectionId: 'SEC-SECRET-9', studentId: 's-secret-88' }] }),
    });
    expect(posted.status).toBe(200);
    await posted.text();
    // An id that is not a sane token is replaced by one of the service's own.
    const generated = posted.headers.get('x-request-id')!;
    expect(generated).toMatch(UUID);
    expect(await log.lineWhere((l) => l.requestId === generated)).toMatchObject({ method: 'POST', route: '/api/v1/events', status: 200 });

    const everything = log.lines.join('\n');
    for (const secret of ['s-secret-77', 's-secret-88', 'SEC-SECRET-9', 'asOf', ADMIN_TOKEN, 'drop table', 'log-f1']) expect(everything).not.toContain(secret);
  });

  it("writes NestJS's own loggers as JSON lines with their context", async () => {
    const resumed = await log.lineWhere((l) => l.context === 'AttendanceProjection');
    expect(resumed).toMatchObject({ level: 'info', msg: expect.stringContaining('resumed from position') });
    for (const line of log.lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('stays silent when started with logger: false, as the test harness starts it', async () => {
    const quiet = new CapturedLog();
    const silent = await createApp(loadConfig({ DATA_DIR: join(dir, 'silent'), ADMIN_TOKEN, PORT: '0' }), { logger: false, logTo: quiet });
    await silent.listen(0, '127.0.0.1');
    const port = (silent.getHttpServer().address() as { port: number }).port;
    const answer = await fetch(`http://127.0.0.1:${port}/health`, { headers: { 'x-request-id': 'quiet-1' } });
    await answer.text();
    expect(answer.headers.get('x-request-id')).toBe('quiet-1');
    // Closing waits for every connection to end, so every request's line would have been written by now.
    await silent.close();
    expect(quiet.lines).toEqual([]);
  });
});
