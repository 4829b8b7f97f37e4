import { createHash, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';

import { JWTPayload, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

/**
 * How the next ID tokens are spoiled. `valid`: nothing wrong. `tampered`: signed, then the payload changed (a role
 * 'admin' added) without signing again. `expired`: exp (and iat, auth_time) in the past, beyond any clock tolerance.
 * `wrong-nonce`: a nonce other than the one sent to /authorize. `other-issuer`: iss is another URL
 * (FORGED_OTHER_ISSUER). `wrong-audience`: aud is another client (FORGED_OTHER_AUDIENCE). `unsigned`: alg none.
 */
export type ForgeMode = 'valid' | 'tampered' | 'expired' | 'wrong-nonce' | 'other-issuer' | 'wrong-audience' | 'unsigned';

export const FORGE_MODES: readonly ForgeMode[] = ['valid', 'tampered', 'expired', 'wrong-nonce', 'other-issuer', 'wrong-audience', 'unsigned'];

/** The iss of `other-issuer` tokens (the .invalid name never resolves: nothing ever connects to it). */
export const FORGED_OTHER_ISSUER = 'http://other-issuer.invalid';
/** The aud of `wrong-audience` tokens. */
export const FORGED_OTHER_AUDIENCE = 'some-other-client';

/** The user the forged tokens speak of, merged over the defaults (`sub` forged-user-1, roles ['student'], ...). */
export interface ForgedClaims {
  sub?: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  roles?: string[];
  [claim: string]: unknown;
}

/** An ID token's claims: the defaults, the overrides and the mode's defect, before signing. */
export interface IdTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  nonce?: string;
  [claim: string]: unknown;
}

export interface IssuedIdToken {
  mode: ForgeMode;
  /** The claims as signed (for `tampered`, the payload in the token differs). */
  claims: Record<string, unknown>;
  idToken: string;
  accessToken: string;
}

export interface ForgingProvider {
  /** Its own base URL, http://127.0.0.1:<port>; also the `issuer` of its discovery document. */
  readonly issuer: string;
  readonly url: string;
  /** The defect of every ID token issued from now on; 'valid' at the start. */
  mode: ForgeMode;
  /** Overrides of the user's claims for every ID token from now on; {} at the start. */
  claims: ForgedClaims;
  /**
   * One-shot: when set, the next token request's ID token holds exactly what this returns (given the claims it would
   * have held: defaults, then `claims`, then the mode's defect); cleared once used. Signing still follows `mode`.
   */
  nextIdToken?: (defaults: IdTokenClaims) => Record<string, unknown>;
  /** What the relying party sent: /authorize query parameters and /token form bodies, in order. */
  readonly requests: { authorize: URLSearchParams[]; token: URLSearchParams[] };
  /** Every ID token it answered with, in order. */
  readonly issued: IssuedIdToken[];
  /** Back to mode 'valid', no claims overrides, no nextIdToken; the logs are kept. */
  reset(): void;
  stop(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  nonce?: string;
  codeChallenge: string;
}

const DEFAULT_USER = {
  sub: 'forged-user-1',
  preferred_username: 'forged.user',
  name: 'Forged User',
  email: 'forged.user@uni.test',
  roles: ['student'],
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A fake OpenID provider on a free loopback port that looks real (discovery, JWKS, /authorize, /token, /userinfo,
 * /logout) and hands out ID tokens with the defect asked for, for the relying party's negative tests. /authorize
 * does not ask anyone anything: it redirects straight back to the redirect_uri with a code and the state. It
 * requires PKCE S256 and checks the verifier at /token (invalid_grant otherwise); codes are single-use; any
 * client_id and client secret are accepted, and the ID token's aud is the client_id.
 */
export async function startForgingProvider(initial: { mode?: ForgeMode; claims?: ForgedClaims } = {}): Promise<ForgingProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `forging-${randomBytes(4).toString('hex')}`;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, Record<string, unknown>>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: String(error) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;

  const provider: ForgingProvider = {
    issuer,
    url: issuer,
    mode: initial.mode ?? 'valid',
    claims: { ...initial.claims },
    nextIdToken: undefined,
    requests: { authorize: [], token: [] },
    issued: [],
    reset() {
      provider.mode = 'valid';
      provider.claims = {};
      provider.nextIdToken = undefined;
    },
    stop: () => close(server),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /.well-known/openid-configuration':
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/logout`,
          response_types_supported: ['code'],
          response_modes_supported: ['query'],
          grant_types_supported: ['authorization_code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          scopes_supported: ['openid', 'profile', 'email', 'roles'],
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'email', 'roles'],
          authorization_response_iss_parameter_supported: true,
        });
      case 'GET /jwks':
        return json(res, 200, jwks);
      case 'GET /authorize':
        return authorize(url.searchParams, res);
      case 'POST /token':
        return token(req, await readForm(req), res);
      case 'GET /userinfo':
      case 'POST /userinfo': {
        const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const claims = bearer ? accessTokens.get(bearer) : undefined;
        if (!claims) return json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
        return json(res, 200, claims);
      }
      case 'GET /logout': {
        const target = url.searchParams.get('post_logout_redirect_uri');
        if (!target) return html(res, 200, '<!DOCTYPE html><title>Signed out</title><p>You are signed out.</p>');
        const back = new URL(target);
        const state = url.searchParams.get('state');
        if (state !== null) back.searchParams.set('state', state);
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      default:
        return json(res, 404, { error: 'not_found' });
    }
  }

  function authorize(params: URLSearchParams, res: ServerResponse): void {
    provider.requests.authorize.push(params);
    const redirectUri = params.get('redirect_uri');
    const clientId = params.get('client_id');
    if (!redirectUri || !clientId) return html(res, 400, '<!DOCTYPE html><title>Error</title><p>redirect_uri and client_id are required</p>');
    const back = new URL(redirectUri);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer);
    const fail = (error: string, description: string) => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      res.writeHead(302, { location: back.href }).end();
    };
    if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code');
    if (!params.get('scope')?.split(' ').includes('openid')) return fail('invalid_scope', 'the openid scope is required');
    const codeChallenge = params.get('code_challenge');
    if (!codeChallenge || params.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { clientId, redirectUri, nonce: params.get('nonce') ?? undefined, codeChallenge });
    back.searchParams.set('code', code);
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): Promise<void> {
    provider.requests.token.push(form);
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const clientId = basic ? decodeURIComponent(Buffer.from(basic, 'base64').toString().split(':')[0]) : form.get('client_id');
    if (!clientId) return json(res, 401, { error: 'invalid_client', error_description: 'no client authentication' });
    if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    if (pending.clientId !== clientId) return json(res, 400, { error: 'invalid_grant', error_description: 'code issued to another client' });
    if (pending.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
    const verifier = form.get('code_verifier');
    if (!verifier || createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    }

    const accessToken = randomBytes(24).toString('base64url');
    const mode = provider.mode;
    const claims = await forgeClaims(pending, accessToken, mode);
    const idToken = await sign(claims, mode);
    accessTokens.set(accessToken, { sub: claims.sub, ...pick(claims, ['preferred_username', 'name', 'email', 'roles']) });
    provider.issued.push({ mode, claims, idToken, accessToken });
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, scope: 'openid profile email roles', id_token: idToken }, { 'cache-control': 'no-store' });
  }

  async function forgeClaims(pending: PendingCode, accessToken: string, mode: ForgeMode): Promise<Record<string, unknown>> {
    const now = Math.floor(Date.now() / 1000);
    const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
    const defaults: IdTokenClaims = {
      iss: issuer,
      aud: pending.clientId,
      iat: now,
      exp: now + 300,
      auth_time: now,
      ...(pending.nonce !== undefined ? { nonce: pending.nonce } : {}),
      at_hash: atHash,
      ...DEFAULT_USER,
      ...provider.claims,
      sub: provider.claims.sub ?? DEFAULT_USER.sub,
    };
    switch (mode) {
      case 'expired':
        Object.assign(defaults, { iat: now - 1200, auth_time: now - 1200, exp: now - 600 });
        break;
      case 'wrong-nonce':
        defaults.nonce = `not-${pending.nonce ?? ''}-${randomBytes(6).toString('base64url')}`;
        break;
      case 'other-issuer':
        defaults.iss = FORGED_OTHER_ISSUER;
        break;
      case 'wrong-audience':
        defaults.aud = FORGED_OTHER_AUDIENCE;
        break;
      default:
        break;
    }
    const custom = provider.nextIdToken;
    provider.nextIdToken = undefined;
    return custom ? custom({ ...defaults }) : defaults;
  }

  async function sign(claims: Record<string, unknown>, mode: ForgeMode): Promise<string> {
    if (mode === 'unsigned') return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    const signed = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey as KeyLike);
    if (mode !== 'tampered') return signed;
    const [header, , signature] = signed.split('.');
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    return `${header}.${b64url({ ...claims, roles: [...roles, 'admin'] })}.${signature}`;
  }

  return provider;
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
