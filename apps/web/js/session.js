/**
 * Who is signed in, for this browser tab only. The token is kept in sessionStorage (forgotten
 * when the tab closes); the role and subject are what GET /api/v1/me answered for that token,
 * asked again each time the page starts, so nothing the viewer types or stores grants a view.
 */
const KEY = 'attendance.session';

/** The roles that have dashboards, and the one that has none (a platform's pushing token). */
export const DASHBOARD_ROLES = ['faculty', 'student', 'registrar', 'department', 'college', 'admin'];

/** The session as /me confirmed it in this page; null until then. */
let confirmed = null;

export const getSession = () => confirmed;

/** The token kept from an earlier page of this tab, not yet confirmed by /me. */
export function storedToken() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && typeof value.token === 'string' && value.token ? value.token : null;
  } catch {
    return null;
  }
}

/** Keeps the token with the role and subject the service answered for it (GET /me). */
export function setSession({ token, role, subject }) {
  confirmed = { token, role, subject: subject ?? '' };
  sessionStorage.setItem(KEY, JSON.stringify(confirmed));
}

/**
 * A session signed in with the university's identity provider: the service keeps it in an
 * HttpOnly cookie the page cannot read; the page keeps only who it is and the CSRF token its
 * changes must carry (GET /auth/session), in memory.
 */
export function setProviderSession({ role, subject, name, csrfToken }) {
  confirmed = { token: null, role, subject, name, csrf: csrfToken, provider: true };
}

export function clearSession() {
  confirmed = null;
  sessionStorage.removeItem(KEY);
}

/** The page a role starts on. */
export function homeOf(session) {
  if (!session) return '#/signin';
  if (session.role === 'student') return `#/students/${encodeURIComponent(session.subject)}`;
  if (session.role === 'registrar') return '#/eligibility';
  // The department and college councils decide excuse requests (rules R7).
  if (session.role === 'department' || session.role === 'college') return '#/excuses';
  return '#/sections';
}
