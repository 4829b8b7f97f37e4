import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/bootstrap';
import { rebuildReadModel } from '../../apps/api/src/cli/rebuild-read-model';
import { loadConfig } from '../../apps/api/src/config/app-config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** The real service on a temporary SQLite file, on a loopback port, with a clock the test moves. */
export class AppHarness {
  app!: NestFastifyApplication;
  url!: string;
  now: Date;
  private readonly dir = mkdtempSync(join(tmpdir(), 'attendance-e2e-'));

  constructor(start = '2026-09-01T00:00:00Z', private readonly env: Record<string, string> = {}) {
    this.now = new Date(start);
  }

  static async start(start?: string, env?: Record<string, string>): Promise<AppHarness> {
    const harness = new AppHarness(start, env);
    await harness.boot();
    return harness;
  }

  setTime(iso: string): void {
    this.now = new Date(iso);
  }

  private async boot(): Promise<void> {
    const config = loadConfig({ DATA_DIR: this.dir, ADMIN_TOKEN, PORT: '0', ...this.env });
    this.app = await createApp(config, { clock: () => this.now, logger: false });
    // A port given in the environment is kept (a provider's redirect URI names it); otherwise any free one.
    await this.app.listen(Number(this.env.PORT ?? 0), '127.0.0.1');
    const address = this.app.getHttpServer().address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
  }

  /** Stops the service and starts it again on the same data folder. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.boot();
  }

  /** Stops the service, rebuilds its read model from the first event, and starts it again. */
  async rebuild(): Promise<void> {
    await this.app.close();
    await rebuildReadModel(loadConfig({ DATA_DIR: this.dir, ADMIN_TOKEN, ...this.env }));
    await this.boot();
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async request<T = any>(method: string, path: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const token = options.token === undefined ? ADMIN_TOKEN : options.token;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  /** Sends a body exactly as given, as platforms do: signatures are over these bytes. */
  async raw<T = any>(method: string, path: string, body: string, headers: Record<string, string>): Promise<Answer<T>> {
    const response = await fetch(this.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  get = <T = any>(path: string, token?: string | null) => this.request<T>('GET', path, { token });
  put = <T = any>(path: string, body: unknown, token?: string | null) => this.request<T>('PUT', path, { body, token });
  post = <T = any>(path: string, body: unknown, token?: string | null) => this.request<T>('POST', path, { body, token });
  delete = <T = any>(path: string, token?: string | null) => this.request<T>('DELETE', path, { token });

  async token(role: string, subject: string): Promise<string> {
    const answer = await this.post('/api/v1/tokens', { role, subject });
    if (answer.status !== 201) throw new Error(`token not issued: ${answer.text}`);
    return answer.body.token;
  }

  /** Pushes facts and answers the results; fails the test when the request itself is refused. */
  async pushFacts(events: unknown[], token?: string): Promise<{ position: string; results: Array<{ id: string; status: string; error?: string }> }> {
    const answer = await this.post('/api/v1/events', { events }, token);
    if (answer.status !== 200) throw new Error(`facts refused: ${answer.status} ${answer.text}`);
    return answer.body;
  }
}
