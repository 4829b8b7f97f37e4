/** Who is signed in, for this browser tab only: sessionStorage is forgotten when the tab closes. */
const KEY = 'attendance.session';

export function getSession() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && typeof value.token === 'string' && typeof value.role === 'string' ? value : null;
  } catch {
    return null;
  }
}

export const setSession = ({ token, role, subject }) => sessionStorage.setItem(KEY, JSON.stringify({ token, role, subject: subject ?? '' }));

export const clearSession = () => sessionStorage.removeItem(KEY);

/** The page a role starts on. */
export function homeOf(session) {
  if (!session) return '#/signin';
  if (session.role === 'student') return `#/students/${encodeURIComponent(session.subject)}`;
  if (session.role === 'registrar') return '#/eligibility';
  return '#/sections';
}
