import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { freePort } from '../../support/service-process';

/*
 * In a jest e2e spec:
 *
 *   let op: RunningOidcProvider;
 *   beforeAll(async () => {
 *     op = await startProvider({
 *       clients: [{ client_id: 'attendance-tracker', client_secret: '...', redirect_uris: [`${service}/auth/callback`], post_logout_redirect_uris: [`${service}/`] }],
 *       users: { 'dr.huda': { password: 'pw', claims: { sub: 'staff-0042', preferred_username: 'dr.huda', name: 'Huda', email: 'huda@uni.test', roles: ['instructor'] } } },
 *     });
 *   });
 *   afterAll(() => op?.stop());
 *
 * then give the service `op.issuer`; sign in with a browser (the form at /interaction/<uid>: fields `login` and
 * `password`, button "Sign-in") or without one (signInWithoutBrowser in ./browserless).
 */

/** One client registered at the provider (any other oidc-provider client metadata may be added). */
export interface OidcTestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  /** Defaults to `client_secret_basic`; `client_secret_post` is the other usual one. */
  token_endpoint_auth_method?: string;
  [metadata: string]: unknown;
}

/** The claims of one user; all of them go into the ID token when their scope is granted. */
export interface OidcTestUserClaims {
  /** The ID token's `sub` (and the provider's account id); defaults to the login. */
  sub?: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  roles?: string[];
  [claim: string]: unknown;
}

export interface OidcTestUser {
  password: string;
  claims: OidcTestUserClaims;
}

export interface OidcProviderConfig {
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** Defaults to `http://127.0.0.1:<port>`. */
  issuer?: string;
  clients: OidcTestClient[];
  /** By login, the name typed in the sign-in form. */
  users: Record<string, OidcTestUser>;
}

export interface RunningOidcProvider {
  /** `http://127.0.0.1:<port>` unless the config named another; discovery is at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly port: number;
  /** What the provider printed so far (stdout and stderr), to show when a test fails. */
  output(): string;
  /** Kills the provider and waits until it has exited; idempotent. */
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, 'provider.mjs');

/**
 * Starts test/oidc/support/provider.mjs (oidc-provider v9, which is ESM-only) as a child process and resolves once
 * it prints `listening on`. Rejects with its output if it exits before that, or after `timeoutMs`.
 */
export async function startProvider(config: OidcProviderConfig, timeoutMs = 60_000): Promise<RunningOidcProvider> {
  const port = config.port ? config.port : await freePort();
  const child = spawn(process.execPath, [SCRIPT], {
    cwd: join(__dirname, '../../..'),
    env: {
      ...process.env,
      OIDC_TEST_CONFIG: JSON.stringify({ ...config, port }),
      // The provider exits when this pipe closes, so it never outlives the test run.
      OIDC_TEST_EXIT_ON_STDIN_END: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the OpenID provider did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited with ${code ?? signal} before listening:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

  return new ProviderHandle(child, issuer, port, exited, () => output);
}

class ProviderHandle implements RunningOidcProvider {
  constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
    readonly port: number,
    private readonly exited: Promise<void>,
    readonly output: () => string,
  ) {}

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin?.destroy();
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }
}
