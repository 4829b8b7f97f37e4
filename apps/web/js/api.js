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

export function authHeaders(token = getSession()?.token) {
  return token ? { authorization: `Bearer ${token}` } : {};
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
 * One request. `after` is the position a write answered: the read waits for it (read-your-writes).
 * Answers the parsed JSON, or the text for `accept: 'text/csv'`.
 */
export async function request(route, { method = 'GET', body, query, after, accept = 'application/json', token } = {}) {
  const headers = { ...authHeaders(token), accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(urlOf(route, { ...query, after }), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, t('error.network'));
  }
  if (!response.ok) throw await errorOf(response);
  return accept.includes('json') ? response.json() : response.text();
}

export const get = (route, options) => request(route, options);

/** GET /me: the role and subject the service knows the token by. */
export async function whoAmI(token) {
  const me = await get('/me', { token });
  if (!me || typeof me.role !== 'string' || typeof me.subject !== 'string') throw new ApiError(0, t('error.network'));
  return { role: me.role, subject: me.subject };
}
export const post = (route, body, options) => request(route, { ...options, method: 'POST', body });

export { urlOf };
