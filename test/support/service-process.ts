import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The service as a real child process on the embedded store, to be killed with SIGKILL. */
export class ServiceProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(dataDir: string, port: number, adminToken: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADMIN_TOKEN: adminToken, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) resolve(new ServiceProcess(child, `http://127.0.0.1:${port}`));
      });
      child.on('exit', (code) => reject(new Error(`service exited with ${code} before listening:\n${output}`)));
    });
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.on('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

/** A port nothing listens on now, chosen by the system: a fixed one may be taken by another test's outgoing connection. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
