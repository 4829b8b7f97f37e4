/** The public HTTP API, called with the signed-in user's Bearer token. Nothing else is called. */
import { getSession } from './session.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const BASE = '/api/v1';

/** '/sections/A B/attendance' pieces, each encoded. */
export const path = (strings, ...values) => strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');

function urlOf(route, query) {
  const url = new URL(BASE + route, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  return url;
}

/** A token's Bearer header; with a provider session, the cookie goes by itself and a change carries its CSRF token. */
export function authHeaders(token = getSession()?.token, method = 'GET') {
  if (token) return { authorization: `Bearer ${token}` };
  const csrf = getSession()?.csrf;
  return csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {};
}

/** The API's own message for a refused request ({statusCode, error, message}). */
export async function errorOf(response) {
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') message = body.message;
  } catch {
    /* not JSON: keep the status text */
  }
  return new ApiError(response.status, message);
}

/**
 * One call, answering the response: the session's headers, the API's refusal as an ApiError with
 * its message, a network failure as one too (an abort through `signal` stays an abort).
 */
export async function send(route, { method = 'GET', query, accept, token, contentType, body, signal }) {
  const headers = { ...authHeaders(token, method), accept };
  if (contentType) headers['content-type'] = contentType;
  let response;
  try {
    response = await fetch(urlOf(route, query), { method, headers, body, signal, cache: 'no-store' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, t('error.network'));
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/**
 * One request. `after` is the position a write answered: the read waits for it (read-your-writes).
 * Answers the parsed JSON, or the text for `accept: 'text/csv'`.
 */
export async function request(route, { method = 'GET', body, query, after, accept = 'application/json', token } = {}) {
  const json = body === undefined ? {} : { contentType: 'application/json', body: JSON.stringify(body) };
  const response = await send(route, { method, query: { ...query, after }, accept, token, ...json });
  return accept.includes('json') ? response.json() : response.text();
}

export const get = (route, options) => request(route, options);

/** A file the API answers (CSV, a workbook, JSON lines, a document) as a Blob, with the answer's headers (X-Snapshot-Id, say). */
export async function fetchFile(route, { query, accept }) {
  const response = await send(route, { query, accept });
  return { blob: await response.blob(), headers: response.headers };
}

/** A file sent as its own bytes (an excuse document), of `contentType`; answers the JSON the API answers. */
export async function sendFile(route, file, { query, contentType }) {
  return (await send(route, { method: 'POST', query, accept: 'application/json', contentType, body: file })).json();
}

/** GET /me: the role and subject the service knows the token by. */
export async function whoAmI(token) {
  const me = await get('/me', { token });
  if (!me || typeof me.role !== 'string' || typeof me.subject !== 'string') throw new ApiError(0, t('error.network'));
  return { role: me.role, subject: me.subject };
}
export const post = (route, body, options) => request(route, { ...options, method: 'POST', body });

/** The session signed in with the identity provider, if there is one (GET /auth/session); null otherwise. */
export async function providerSession() {
  try {
    const response = await fetch('/auth/session', { headers: { accept: 'application/json' }, cache: 'no-store' });
    const session = response.ok ? await response.json() : null;
    return session?.signedIn ? session : null;
  } catch {
    return null;
  }
}

/** Whether the service offers the identity provider's sign-in (GET /auth/config). */
export async function providerSignInOffered() {
  try {
    const response = await fetch('/auth/config', { cache: 'no-store' });
    return response.ok && (await response.json()).oidc === true;
  } catch {
    return false;
  }
}

/** Ends a provider session here, then at the provider where it can. */
export async function signOutOfProvider() {
  const response = await fetch('/auth/logout', { method: 'POST', headers: authHeaders(null, 'POST'), cache: 'no-store' });
  const { redirectTo } = response.ok ? await response.json() : { redirectTo: '/' };
  location.assign(redirectTo);
}

export { urlOf };
