import { randomBytes } from 'node:crypto';

import { createRemoteJWKSet, jwtVerify } from 'jose';

import { CookieJar, followRedirects, pkcePair, signInWithoutBrowser } from './browserless';
import { OidcProviderConfig, RunningOidcProvider, startProvider } from './oidc-provider-process';

/** The test OpenID provider itself: discovery, a whole code + PKCE sign-in without a browser, refusals, sign-out. */
describe('test OpenID provider (oidc-provider in its own process)', () => {
  const redirectUri = 'http://127.0.0.1:9/auth/callback';
  const postLogoutRedirectUri = 'http://127.0.0.1:9/signed-out';
  const client = {
    client_id: 'attendance-tracker',
    client_secret: 'a-long-enough-test-client-secret-0123456789',
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
  };
  const config: OidcProviderConfig = {
    port: 0,
    clients: [client],
    users: {
      'dr.huda': {
        password: 'correct horse',
        claims: { sub: 'staff-0042', preferred_username: 'dr.huda', name: 'Huda Al-Harbi', email: 'huda@uni.test', roles: ['instructor', 'advisor'] },
      },
    },
  };
  let provider: RunningOidcProvider;
  let discovery: Record<string, unknown>;

  beforeAll(async () => {
    provider = await startProvider(config);
    discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  });
  afterAll(async () => {
    await provider?.stop();
  });

  const atRedirectUri = (url: URL) => url.href.startsWith(redirectUri);
  const atPostLogout = (url: URL) => url.href.startsWith(postLogoutRedirectUri);

  function authorizeUrl(extra: Record<string, string> = {}) {
    const pkce = pkcePair();
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    const url = new URL(discovery.authorization_endpoint as string);
    url.search = new URLSearchParams({
      client_id: client.client_id,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile email roles',
      state,
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...extra,
    }).toString();
    return { url, state, nonce, verifier: pkce.verifier };
  }

  async function exchange(code: string, verifier: string) {
    return fetch(discovery.token_endpoint as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
    });
  }

  it('publishes its discovery document', async () => {
    expect(provider.issuer).toBe(`http://127.0.0.1:${provider.port}`);
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/auth`,
      token_endpoint: `${provider.issuer}/token`,
      jwks_uri: `${provider.issuer}/jwks`,
      end_session_endpoint: `${provider.issuer}/session/end`,
    });
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'roles']));
  });

  it('signs a user in with the authorization code flow and PKCE, with the profile and roles in the ID token', async () => {
    const jar = new CookieJar();
    const { url, state, nonce, verifier } = authorizeUrl();

    // The form is the provider's own page at /interaction/<uid>.
    const form = await followRedirects(jar, url);
    expect(form.response.status).toBe(200);
    expect(form.url.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    const html = await form.response.text();
    expect(html).toContain('name="login"');
    expect(html).toContain('name="password"');
    expect(html).toMatch(/<button type="submit">Sign-in<\/button>/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing fetched from outside

    const signedIn = await signInWithoutBrowser(jar, url, { login: 'dr.huda', password: 'correct horse' }, atRedirectUri);
    expect(signedIn.refused).toBe(false);
    expect(signedIn.url.origin + signedIn.url.pathname).toBe(redirectUri);
    expect(signedIn.url.searchParams.get('state')).toBe(state);
    expect(signedIn.url.searchParams.get('iss')).toBe(provider.issuer);
    const code = signedIn.url.searchParams.get('code');
    expect(code).toBeTruthy();

    const tokenResponse = await exchange(code!, verifier);
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as { id_token: string; access_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');

    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri as string)), {
      issuer: provider.issuer,
      audience: client.client_id,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      iss: provider.issuer,
      aud: client.client_id,
      nonce,
      sub: 'staff-0042',
      preferred_username: 'dr.huda',
      name: 'Huda Al-Harbi',
      email: 'huda@uni.test',
      roles: ['instructor', 'advisor'],
    });

    // The code is single-use.
    const again = await exchange(code!, verifier);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');

    // The provider keeps its session: a second authorization goes straight back with a code, no form.
    const second = authorizeUrl();
    const silent = await followRedirects(jar, second.url, atRedirectUri);
    expect(silent.url.searchParams.get('code')).toBeTruthy();
    expect(silent.url.searchParams.get('state')).toBe(second.state);

    // RP-initiated sign-out back to the registered post_logout_redirect_uri with the state.
    const logout = new URL(discovery.end_session_endpoint as string);
    logout.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: postLogoutRedirectUri, state: 'bye' }).toString();
    const confirm = await followRedirects(jar, logout, atPostLogout);
    expect(confirm.response.status).toBe(200); // a page whose script posts its form with logout=yes
    const page = await confirm.response.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1];
    const done = await followRedirects(jar, new URL(action, logout), atPostLogout, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(done.url.origin + done.url.pathname).toBe(postLogoutRedirectUri);
    expect(done.url.searchParams.get('state')).toBe('bye');

    // Signed out: the next authorization shows the form again.
    const afterLogout = await followRedirects(jar, authorizeUrl().url, atRedirectUri);
    expect(afterLogout.url.pathname).toMatch(/^\/interaction\//);
  });

  it('refuses a wrong password and an unknown login, and keeps showing the form', async () => {
    for (const credentials of [
      { login: 'dr.huda', password: 'wrong' },
      { login: 'nobody', password: 'correct horse' },
    ]) {
      const jar = new CookieJar();
      const result = await signInWithoutBrowser(jar, authorizeUrl().url, credentials, atRedirectUri);
      expect(result.refused).toBe(true);
      expect(result.response.status).toBe(401);
      const html = await result.response.text();
      expect(html).toContain('Invalid login or password.');
      expect(html).toContain('name="password"');
    }
  });

  it('rejects a token request with the wrong PKCE verifier, and an authorization request without PKCE', async () => {
    const jar = new CookieJar();
    const { url } = authorizeUrl();
    const signedIn = await signInWithoutBrowser(jar, url, { login: 'dr.huda', password: 'correct horse' }, atRedirectUri);
    const response = await exchange(signedIn.url.searchParams.get('code')!, pkcePair().verifier);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');

    const withoutPkce = authorizeUrl();
    withoutPkce.url.searchParams.delete('code_challenge');
    withoutPkce.url.searchParams.delete('code_challenge_method');
    const refused = await followRedirects(jar, withoutPkce.url, atRedirectUri);
    expect(refused.url.searchParams.get('error')).toBe('invalid_request');
    expect(refused.url.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('sends the user back with access_denied when the sign-in is cancelled', async () => {
    const jar = new CookieJar();
    const { url, state } = authorizeUrl();
    const form = await followRedirects(jar, url);
    const cancel = new URL(`${form.url.pathname}/abort`, form.url);
    const back = await followRedirects(jar, cancel, atRedirectUri);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    expect(back.url.searchParams.get('state')).toBe(state);
  });

  it('stops, and a stopped provider no longer answers', async () => {
    const other = await startProvider(config);
    await other.stop();
    await other.stop(); // idempotent
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
