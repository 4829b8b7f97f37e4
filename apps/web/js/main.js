/**
 * Starts the dashboards: language, the page frame, who the token is (GET /me), and the view of
 * the current address. A view is shown only to the roles it is for, by the role /me answered.
 */
import { providerSession, whoAmI } from './api.js';
import { h } from './dom.js';
import { initialLanguage, locale, setLanguage, t } from './i18n.js';
import { currentPath, match, navigate, route } from './router.js';
import { clearSession, DASHBOARD_ROLES, getSession, homeOf, setProviderSession, setSession, storedToken } from './session.js';
import { renderShell, timeZone } from './shell.js';
import { errorBox } from './ui/errors.js';
import { roleName, signInView, tellOnSignIn } from './views/signin.js';
import { pickerView } from './views/section-picker.js';
import { sectionView } from './views/section.js';
import { studentView } from './views/student.js';
import { eligibilityView } from './views/eligibility.js';
import { policiesView } from './views/policies.js';
import { contactHoursView } from './views/contact-hours.js';
import { termListsView } from './views/term-lists.js';
import { excuseQueueView } from './views/excuse-queue.js';
import { studentExcusesView } from './views/student-excuses.js';

const TEACHING = ['faculty', 'admin'];
const REGISTRY = ['registrar', 'admin'];
/** GET /students/{id}/attendance: the student themselves, registrars and administrators. */
const STUDENT_PAGE = ['student', 'registrar', 'admin'];
/** Excuse requests (rules R7): the councils' queue, read-only for registrars; a student's requests and the form to ask for one. */
const EXCUSE_QUEUE = ['department', 'college', 'registrar', 'admin'];
const STUDENT_EXCUSES = ['student', 'faculty', 'registrar', 'department', 'college', 'admin'];

route('/signin', signInView);
route('/sections', pickerView('faculty'), TEACHING);
route('/sections/:sectionId', sectionView, TEACHING);
route('/students/:studentId', studentView, STUDENT_PAGE);
route('/students/:studentId/excuses', studentExcusesView, STUDENT_EXCUSES);
route('/excuses', excuseQueueView, EXCUSE_QUEUE);
route('/eligibility', pickerView('registrar'), REGISTRY);
route('/eligibility/:sectionId', eligibilityView, REGISTRY);
route('/policies', policiesView, REGISTRY);
route('/contact-hours', contactHoursView, REGISTRY);
route('/terms', termListsView, REGISTRY);

let cleanup = () => {};

/** A page the signed-in role has no view for: said plainly, and nothing of it is requested. */
function notForRole(main, session, roles) {
  const title = t('forbidden.title');
  document.title = `${title} — ${t('app.title')}`;
  const names = new Intl.ListFormat(locale(), { type: 'disjunction' }).format(roles.map((r) => t(`role.${r}`)));
  main.append(
    h('h1', { tabindex: '-1' }, title),
    h('div', { class: 'message error', id: 'not-for-role', role: 'alert' }, h('p', {}, t('forbidden.text', { roles: names, role: t(`role.${session.role}`), subject: session.subject }))),
    h('p', {}, h('a', { href: homeOf(session) }, t('forbidden.home'))),
  );
}

/** Renders the current address; `moveFocus` puts the keyboard on the new page's heading. */
function render({ moveFocus = false } = {}) {
  cleanup();
  cleanup = () => {};
  renderShell({ onChange: () => render() });
  const session = getSession();
  const path = currentPath();
  if (!session && path !== '/signin') return navigate('#/signin');
  if (session && (path === '/' || path === '/signin')) return navigate(homeOf(session));
  const main = document.getElementById('main');
  main.replaceChildren();
  const found = match(path);
  if (!found) {
    main.append(h('h1', { tabindex: '-1' }, t('app.title')), h('p', {}, h('a', { href: homeOf(session) }, t('error.retry'))));
  } else if (session && found.roles && !found.roles.includes(session.role)) {
    notForRole(main, session, found.roles);
  } else {
    const result = found.view({ main, params: found.params, session, timeZone: timeZone() });
    if (typeof result === 'function') cleanup = result;
  }
  if (moveFocus) main.querySelector('h1')?.focus({ preventScroll: false });
}

/** A token kept from before is asked about again: the role and subject are the service's answer, never a stored claim. */
async function confirmStoredToken() {
  const token = storedToken();
  if (!token) {
    // Signed in with the university's identity provider: the cookie's session, as the service tells it.
    const session = await providerSession();
    if (session && DASHBOARD_ROLES.includes(session.role)) setProviderSession(session);
    return true;
  }
  try {
    const me = await whoAmI(token);
    if (!DASHBOARD_ROLES.includes(me.role)) {
      clearSession();
      tellOnSignIn({ kind: 'error', text: t('signin.noDashboard', { role: roleName(me.role) }) });
    } else setSession({ token, ...me });
    return true;
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      clearSession();
      tellOnSignIn({ error });
      return true;
    }
    const main = document.getElementById('main');
    main.replaceChildren(h('h1', { tabindex: '-1' }, t('app.title')), errorBox(error, { retry: () => start() }));
    return false;
  }
}

let listening = false;
async function start() {
  renderShell({ onChange: () => start() });
  if (!(await confirmStoredToken())) return;
  if (!listening) window.addEventListener('hashchange', () => render({ moveFocus: true }));
  listening = true;
  render();
}

setLanguage(initialLanguage(), { remember: false });
start();
