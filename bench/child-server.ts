import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Starts a server script with ts-node in its own process (so it has a core of its own), resolves once it listens. */
export function startServer(script: string, env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_PROFILE=<folder> writes a CPU profile of the server there, to see where its time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill(process.env.BENCH_PROFILE ? 'SIGINT' : 'SIGTERM');
  });
}
