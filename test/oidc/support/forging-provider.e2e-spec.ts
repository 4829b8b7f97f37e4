import { randomBytes } from 'node:crypto';

import { JSONWebKeySet, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { pkcePair } from './browserless';
import { FORGED_OTHER_AUDIENCE, FORGED_OTHER_ISSUER, ForgeMode, ForgingProvider, startForgingProvider } from './forging-provider';

/** The forging provider: a real-looking OP whose ID tokens carry the defect a test asks for. */
describe('forging OpenID provider', () => {
  const clientId = 'attendance-tracker';
  const redirectUri = 'http://127.0.0.1:9/auth/callback';
  let op: ForgingProvider;
  let discovery: Record<string, string | string[]>;
  let keys: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    op = await startForgingProvider();
    discovery = (await (await fetch(`${op.url}/.well-known/openid-configuration`)).json()) as typeof discovery;
    keys = createLocalJWKSet((await (await fetch(discovery.jwks_uri as string)).json()) as JSONWebKeySet);
  });
  afterEach(() => op.reset());
  afterAll(() => op.stop());

  /** What a relying party does: /authorize (redirected straight back), then /token with the verifier. */
  async function signIn(options: { verifier?: string; nonce?: string | null } = {}) {
    const pkce = pkcePair();
    const state = randomBytes(8).toString('hex');
    const nonce = options.nonce === undefined ? randomBytes(8).toString('hex') : options.nonce;
    const authorize = new URL(discovery.authorization_endpoint as string);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile email roles',
      state,
      ...(nonce === null ? {} : { nonce }),
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code')!;
    const response = await fetch(discovery.token_endpoint as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:any-secret`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: options.verifier ?? pkce.verifier }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { response, body, idToken: body.id_token as string, nonce, code, verifier: pkce.verifier };
  }

  const verify = (idToken: string) => jwtVerify(idToken, keys, { issuer: op.issuer, audience: clientId, algorithms: ['RS256'] });

  it('looks like a real provider', () => {
    expect(op.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery).toMatchObject({
      issuer: op.issuer,
      authorization_endpoint: `${op.url}/authorize`,
      token_endpoint: `${op.url}/token`,
      jwks_uri: `${op.url}/jwks`,
      end_session_endpoint: `${op.url}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
  });

  it("'valid': a token that verifies, with the nonce, the audience and the default user", async () => {
    const { response, body, idToken, nonce } = await signIn();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(typeof body.access_token).toBe('string');
    const { payload, protectedHeader } = await verify(idToken);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: op.issuer, aud: clientId, nonce, sub: 'forged-user-1', preferred_username: 'forged.user', roles: ['student'] });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(op.issued.at(-1)).toMatchObject({ mode: 'valid', idToken });
    expect(op.requests.authorize.at(-1)!.get('code_challenge_method')).toBe('S256');
  });

  it('puts the claims overrides in the token', async () => {
    op.claims = { sub: 'staff-0042', preferred_username: 'dr.huda', roles: ['admin'] };
    const { payload } = await verify((await signIn()).idToken);
    expect(payload).toMatchObject({ sub: 'staff-0042', preferred_username: 'dr.huda', roles: ['admin'] });

    const userinfo = await fetch(`${op.url}/userinfo`, { headers: { authorization: `Bearer ${op.issued.at(-1)!.accessToken}` } });
    expect(await userinfo.json()).toMatchObject({ sub: 'staff-0042', preferred_username: 'dr.huda' });
  });

  it("'tampered': the payload was changed after signing, so the signature no longer verifies", async () => {
    op.mode = 'tampered';
    op.claims = { roles: ['student'] };
    const { idToken, nonce } = await signIn();
    const payload = decodeJwt(idToken);
    expect(payload).toMatchObject({ iss: op.issuer, aud: clientId, nonce, roles: ['student', 'admin'] });
    expect(op.issued.at(-1)!.claims.roles).toEqual(['student']);
    await expect(verify(idToken)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it("'expired': exp is in the past, the signature is good", async () => {
    op.mode = 'expired';
    const { idToken } = await signIn();
    const now = Math.floor(Date.now() / 1000);
    expect(decodeJwt(idToken).exp).toBeLessThan(now - 300);
    await expect(verify(idToken)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    await expect(jwtVerify(idToken, keys, { currentDate: new Date((now - 900) * 1000) })).resolves.toBeDefined();
  });

  it("'wrong-nonce': a good token but not for the nonce sent", async () => {
    op.mode = 'wrong-nonce';
    const { idToken, nonce } = await signIn();
    const { payload } = await verify(idToken);
    expect(typeof payload.nonce).toBe('string');
    expect(payload.nonce).not.toBe(nonce);
  });

  it("'wrong-nonce' carries a nonce even when none was sent", async () => {
    op.mode = 'wrong-nonce';
    const { payload } = await verify((await signIn({ nonce: null })).idToken);
    expect(typeof payload.nonce).toBe('string');
  });

  it("'other-issuer': iss is another URL", async () => {
    op.mode = 'other-issuer';
    const { idToken } = await signIn();
    expect(decodeJwt(idToken).iss).toBe(FORGED_OTHER_ISSUER);
    await expect(verify(idToken)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
  });

  it("'wrong-audience': aud is another client", async () => {
    op.mode = 'wrong-audience';
    const { idToken } = await signIn();
    expect(decodeJwt(idToken).aud).toBe(FORGED_OTHER_AUDIENCE);
    await expect(verify(idToken)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });

  it("'unsigned': alg none and no signature", async () => {
    op.mode = 'unsigned';
    const { idToken, nonce } = await signIn();
    expect(decodeProtectedHeader(idToken).alg).toBe('none');
    expect(idToken.endsWith('.')).toBe(true);
    expect(decodeJwt(idToken)).toMatchObject({ iss: op.issuer, aud: clientId, nonce });
    await expect(verify(idToken)).rejects.toThrow();
  });

  it('nextIdToken chooses the claims of the next token only', async () => {
    op.nextIdToken = (defaults) => ({ ...defaults, roles: ['registrar'], extra: 1 });
    const first = await verify((await signIn()).idToken);
    expect(first.payload).toMatchObject({ roles: ['registrar'], extra: 1 });
    expect(op.nextIdToken).toBeUndefined();
    const second = await verify((await signIn()).idToken);
    expect(second.payload.roles).toEqual(['student']);
  });

  it('each mode yields exactly its defect', async () => {
    const modes: ForgeMode[] = ['valid', 'tampered', 'expired', 'wrong-nonce', 'other-issuer', 'wrong-audience', 'unsigned'];
    for (const mode of modes) {
      op.mode = mode;
      const { idToken } = await signIn();
      const outcome = await verify(idToken).then(
        () => 'verified',
        (error: { code?: string; claim?: string }) => `${error.code}${error.claim ? `:${error.claim}` : ''}`,
      );
      expect({ mode, outcome }).toEqual({
        mode,
        outcome: {
          valid: 'verified',
          'wrong-nonce': 'verified', // the nonce is the relying party's own check
          tampered: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
          expired: 'ERR_JWT_EXPIRED:exp',
          'other-issuer': 'ERR_JWT_CLAIM_VALIDATION_FAILED:iss',
          'wrong-audience': 'ERR_JWT_CLAIM_VALIDATION_FAILED:aud',
          unsigned: 'ERR_JOSE_ALG_NOT_ALLOWED',
        }[mode],
      });
    }
  });

  it('answers invalid_grant to a wrong PKCE verifier and to a code used twice', async () => {
    const wrong = await signIn({ verifier: pkcePair().verifier });
    expect(wrong.response.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const used = await signIn();
    const again = await fetch(discovery.token_endpoint as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: used.code, redirect_uri: redirectUri, code_verifier: used.verifier, client_id: clientId }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses an authorization request without PKCE, back at the redirect_uri', async () => {
    const authorize = new URL(discovery.authorization_endpoint as string);
    authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: 's' }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('s');
  });

  it('signs out back to the post_logout_redirect_uri with the state', async () => {
    const logout = new URL(discovery.end_session_endpoint as string);
    logout.search = new URLSearchParams({ post_logout_redirect_uri: 'http://127.0.0.1:9/signed-out', state: 'bye' }).toString();
    const redirect = await fetch(logout, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('http://127.0.0.1:9/signed-out?state=bye');
  });
});
