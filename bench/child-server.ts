import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The service as production runs it: built by `npm run bench` before it starts (bench/run.ts). */
export const BUILT_SERVICE = 'dist/apps/api/src/main.js';

/**
 * Starts a server script in its own process (so it has a core of its own), resolves once it
 * listens. A .js script runs as it is (the built service); a .ts one through ts-node.
 */
export function startServer(script: string, env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_PROFILE=<folder> writes a CPU profile of the server there, to see where its time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const loader = script.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [];
  const child = spawn(process.execPath, [...profile, ...loader, script], {
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
