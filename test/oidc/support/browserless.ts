import { createHash, randomBytes } from 'node:crypto';

/**
 * A tiny cookie jar for driving sign-in flows with fetch. Like a browser, it keys cookies by host name only (cookies
 * do not isolate ports: the service and the provider on 127.0.0.1 share one jar), and honours Path and expiry;
 * Domain, Secure and SameSite are ignored.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { host: string; name: string; value: string; path: string }>();

  /** The Cookie header to send to `url`, or undefined when none applies. */
  header(url: string | URL): string | undefined {
    const { hostname, pathname } = new URL(url);
    const matching = [...this.cookies.values()]
      .filter((c) => c.host === hostname && (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** Takes the Set-Cookie headers of a response to a request for `url`. */
  store(url: string | URL, response: Response): void {
    const { hostname, pathname } = new URL(url);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = pathname.slice(0, pathname.lastIndexOf('/')) || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key, v = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path' && v.startsWith('/')) path = v;
        if (key.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attribute.slice(8)) <= Date.now()) expired = true;
      }
      const key = `${hostname}\n${path}\n${name}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { host: hostname, name, value, path });
    }
  }

  /** One request with the jar's cookies, redirects not followed (`redirect: 'manual'`). */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }
}

export interface Hop {
  /** The URL that was requested last. */
  url: URL;
  response: Response;
}

/**
 * GETs `url` and follows redirects (303 after a POST included) until a response that is not a redirect, or until
 * `stopAt(next)` says the next location is not to be fetched (then `url` is that location and `response` the
 * redirect that pointed at it).
 */
export async function followRedirects(
  jar: CookieJar,
  url: string | URL,
  stopAt: (next: URL) => boolean = () => false,
  init: RequestInit = {},
  maxHops = 20,
): Promise<Hop> {
  let current = new URL(url);
  let response = await jar.fetch(current, init);
  for (let hop = 0; hop < maxHops; hop++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
    await response.arrayBuffer();
    current = new URL(location, current);
    if (stopAt(current)) return { url: current, response };
    response = await jar.fetch(current);
  }
  throw new Error(`more than ${maxHops} redirects, last at ${current}`);
}

/** A PKCE code verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface SignInResult extends Hop {
  /** True when the provider refused the login and password (it answered its form again, with 401). */
  refused: boolean;
}

/**
 * A sign-in at test/oidc/support/provider.mjs without a browser: follows redirects from `startUrl` (the provider's
 * authorization URL, or a service route that redirects there), fills in and posts the provider's sign-in form when
 * it is reached, and follows the redirects after it. `stopAt` works as in followRedirects, e.g. to not fetch a
 * redirect_uri nothing listens on. When the provider already has a session, no form is shown and none is posted.
 */
export async function signInWithoutBrowser(
  jar: CookieJar,
  startUrl: string | URL,
  credentials: { login: string; password: string },
  stopAt: (next: URL) => boolean = () => false,
): Promise<SignInResult> {
  const first = await followRedirects(jar, startUrl, stopAt);
  if (first.response.status !== 200 || !/^\/interaction\/[^/]+$/.test(first.url.pathname)) return { ...first, refused: false };
  const html = await first.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form at ${first.url}:\n${html}`);
  const target = new URL(action.replace(/&amp;/g, '&'), first.url);
  const body = new URLSearchParams({ prompt: 'login', login: credentials.login, password: credentials.password });
  const posted = await jar.fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const location = posted.headers.get('location');
  if (posted.status < 300 || posted.status >= 400 || !location) return { url: target, response: posted, refused: posted.status === 401 };
  await posted.arrayBuffer();
  const next = new URL(location, target);
  if (stopAt(next)) return { url: next, response: posted, refused: false };
  return { ...(await followRedirects(jar, next, stopAt)), refused: false };
}
