import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/service-process';
import { CookieJar, followRedirects, signInWithoutBrowser } from './support/browserless';
import { FORGE_MODES, ForgingProvider, startForgingProvider } from './support/forging-provider';
import { RunningOidcProvider, startProvider } from './support/oidc-provider-process';

// The provider is a process of its own: on a cold machine it may take most of a minute to start.
jest.setTimeout(90_000);

/**
 * Sign-in with an OpenID provider: a real one (oidc-provider in its own process) for who is who,
 * sessions, CSRF and sign-out; a forging one for every ID token the service must refuse.
 */

const SECRET = 'a-long-client-secret-for-the-attendance-service-0123456789';
const USERS = {
  'noura': { password: 'noura-pw', claims: { sub: 'u-noura', preferred_username: 's-1001', name: 'Noura', roles: ['attendance-student'] } },
  'dr.huda': { password: 'huda-pw', claims: { sub: 'u-huda', preferred_username: 'dr-huda', name: 'Dr Huda', roles: ['attendance-faculty'] } },
  'reg': { password: 'reg-pw', claims: { sub: 'u-reg', preferred_username: 'reg-1', name: 'Registrar', roles: ['attendance-registrar', 'attendance-faculty'] } },
  'visitor': { password: 'visitor-pw', claims: { sub: 'u-visitor', preferred_username: 'visitor', name: 'A Visitor', roles: ['library'] } },
};

async function serviceWith(issuer: string, port: number): Promise<AppHarness> {
  return AppHarness.start('2026-10-01T08:00:00Z', {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'attendance',
    OIDC_CLIENT_SECRET: SECRET,
    // The test provider gives the roles claim with its own scope, as many do.
    OIDC_SCOPES: 'openid profile email roles',
  });
}

describe('sign-in with a real OpenID provider', () => {
  let op: RunningOidcProvider;
  let app: AppHarness;
  const signIn = async (login: keyof typeof USERS) => {
    const jar = new CookieJar();
    const result = await signInWithoutBrowser(jar, `${app.url}/auth/login`, { login, password: USERS[login].password });
    return { jar, result };
  };
  const asSession = async (jar: CookieJar, method: string, path: string, body?: unknown, csrf?: string) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await jar.fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    const port = await freePort();
    op = await startProvider({
      clients: [{ client_id: 'attendance', client_secret: SECRET, redirect_uris: [`http://127.0.0.1:${port}/auth/callback`], post_logout_redirect_uris: [`http://127.0.0.1:${port}/`] }],
      users: USERS,
    });
    app = await serviceWith(op.issuer, port);
    for (const [sectionId, instructor] of [['CS101-1', 'dr-huda'], ['CS102-1', 'dr-other']]) {
      expect((await app.put(`/api/v1/sections/${sectionId}`, { termId: 'T', courseCode: sectionId, level: 'online', instructors: [instructor] })).status).toBe(200);
      for (const studentId of ['s-1001', 's-1002']) await app.put(`/api/v1/sections/${sectionId}/enrollments/${studentId}`, { enrolledAt: '2026-09-01T00:00:00Z' });
    }
  });
  afterAll(async () => {
    await app?.close();
    await op?.stop();
  });

  it('a student signs in and reads only their own record; the session cookie is HttpOnly and SameSite=Lax', async () => {
    const jar = new CookieJar();
    const login = await followRedirects(jar, `${app.url}/auth/login`, (next) => next.origin === op.issuer);
    expect(login.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(login.url.searchParams.get('nonce')).toBeTruthy();
    const { result } = await signIn('noura');
    expect(result.url.href).toBe(`${app.url}/`);
    const { jar: student } = await signIn('noura');
    const session = await asSession(student, 'GET', '/auth/session');
    expect(session.json).toMatchObject({ signedIn: true, role: 'student', subject: 's-1001', name: 'Noura' });
    expect((await asSession(student, 'GET', '/api/v1/me')).json).toEqual({ role: 'student', subject: 's-1001' });
    expect((await asSession(student, 'GET', '/api/v1/students/s-1001/attendance')).status).toBe(200);
    expect((await asSession(student, 'GET', '/api/v1/students/s-1002/attendance')).status).toBe(403);
    expect((await asSession(student, 'GET', '/api/v1/sections/CS101-1/attendance')).status).toBe(403);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax and Secure on a loopback or https address', async () => {
    const jar = new CookieJar();
    const toProvider = await followRedirects(jar, `${app.url}/auth/login`, (next) => next.origin === op.issuer);
    const callback = await signInWithoutBrowser(jar, toProvider.url, { login: 'noura', password: USERS.noura.password }, (next) => next.pathname === '/auth/callback');
    const answer = await fetch(callback.url, { headers: { cookie: jar.header(callback.url) ?? '' }, redirect: 'manual' });
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('attendance_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });

  it('an instructor sees only their sections; a registrar their tools; nobody chooses their role', async () => {
    const { jar: faculty } = await signIn('dr.huda');
    expect((await asSession(faculty, 'GET', '/api/v1/sections')).json.sections.map((s: { sectionId: string }) => s.sectionId)).toEqual(['CS101-1']);
    expect((await asSession(faculty, 'GET', '/api/v1/sections/CS102-1/attendance')).status).toBe(403);
    expect((await asSession(faculty, 'GET', '/api/v1/sections/CS101-1/eligibility')).status).toBe(200);
    // The registrar holds two roles' groups: the first mapped (registrar) wins.
    const { jar: registrar } = await signIn('reg');
    expect((await asSession(registrar, 'GET', '/api/v1/me')).json).toEqual({ role: 'registrar', subject: 'reg-1' });
    expect((await asSession(registrar, 'GET', '/api/v1/sections/CS102-1/eligibility')).status).toBe(200);
    // A role in the callback's query changes nothing.
    expect((await asSession(faculty, 'GET', '/api/v1/me?role=admin')).json.role).toBe('faculty');
  });

  it('refuses an account with no mapped role with a page that says why, and starts no session', async () => {
    const { jar, result } = await signIn('visitor');
    expect(result.response.status).toBe(403);
    expect(await result.response.text()).toContain('A Visitor has no role in the attendance service');
    expect((await asSession(jar, 'GET', '/auth/session')).json).toEqual({ signedIn: false });
  });

  it('refuses a wrong state and a callback without the sign-in it belongs to', async () => {
    const jar = new CookieJar();
    const toProvider = await followRedirects(jar, `${app.url}/auth/login`, (next) => next.origin === op.issuer);
    const callback = await signInWithoutBrowser(jar, toProvider.url, { login: 'noura', password: USERS.noura.password }, (next) => next.pathname === '/auth/callback');
    const wrongState = new URL(callback.url);
    wrongState.searchParams.set('state', 'not-the-state-we-sent');
    const refused = await fetch(wrongState, { headers: { cookie: jar.header(wrongState) ?? '' }, redirect: 'manual' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('state');
    const noSignIn = await fetch(callback.url, { redirect: 'manual' });
    expect(noSignIn.status).toBe(403);
    expect(noSignIn.headers.getSetCookie().some((c) => /^attendance_session=[^;]/.test(c))).toBe(false);
  });

  it('refuses a change made with the cookie but without the CSRF token, as a cross-site form would; takes it with the token', async () => {
    const { jar } = await signIn('noura');
    const { csrfToken } = (await asSession(jar, 'GET', '/auth/session')).json;
    const crossSite = await jar.fetch(`${app.url}/api/v1/students/s-1001/preferences`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ language: 'en' }) });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('x-csrf-token');
    expect((await asSession(jar, 'PUT', '/api/v1/students/s-1001/preferences', { language: 'en' }, 'a-guess')).status).toBe(403);
    expect((await asSession(jar, 'PUT', '/api/v1/students/s-1001/preferences', { language: 'en' }, csrfToken)).status).toBe(200);
  });

  it('records a signed-in person\'s reads with their identity at the provider', async () => {
    const { jar } = await signIn('dr.huda');
    expect((await asSession(jar, 'GET', '/api/v1/sections/CS101-1/students/s-1002')).status).toBe(200);
    const { body } = await app.get('/api/v1/audit/students/s-1002');
    expect(body.reads[0].by).toEqual({ role: 'faculty', subject: 'dr-huda', signedIn: { issuer: op.issuer, sub: 'u-huda', name: 'Dr Huda' } });
  });

  it('signs out here and at the provider', async () => {
    const { jar } = await signIn('noura');
    const { csrfToken } = (await asSession(jar, 'GET', '/auth/session')).json;
    expect((await asSession(jar, 'POST', '/auth/logout')).status).toBe(403);
    const out = await asSession(jar, 'POST', '/auth/logout', undefined, csrfToken);
    expect(out.status).toBe(200);
    expect(new URL(out.json.redirectTo).origin).toBe(op.issuer);
    expect(new URL(out.json.redirectTo).searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/`);
    expect((await asSession(jar, 'GET', '/auth/session')).json).toEqual({ signedIn: false });
    expect((await asSession(jar, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('keeps Bearer tokens working alongside', async () => {
    expect((await app.get('/api/v1/me')).body).toEqual({ role: 'admin', subject: 'admin' });
  });
});

describe('sign-in refuses every ID token it must not trust', () => {
  let op: ForgingProvider;
  let app: AppHarness;

  beforeAll(async () => {
    op = await startForgingProvider({ claims: { preferred_username: 's-1001', roles: ['attendance-student'] } });
    app = await serviceWith(op.issuer, await freePort());
  });
  afterAll(async () => {
    await app?.close();
    await op?.stop();
  });

  const attempt = async () => {
    const jar = new CookieJar();
    const { response } = await followRedirects(jar, `${app.url}/auth/login`);
    return { status: response.status, text: await response.text(), session: ((await (await jar.fetch(`${app.url}/auth/session`)).json()) as { signedIn: boolean }).signedIn };
  };

  it('takes a valid one', async () => {
    op.mode = 'valid';
    expect(await attempt()).toMatchObject({ session: true });
  });

  it.each(FORGE_MODES.filter((mode) => mode !== 'valid'))('refuses one that is %s, with a page saying so and no session', async (mode) => {
    op.mode = mode;
    const { status, text, session } = await attempt();
    expect(status).toBe(403);
    expect(text).toContain('could not be verified');
    expect(session).toBe(false);
  });
});
