/** Starts the dashboards: language, the page frame, and the view of the current address. */
import { h } from './dom.js';
import { initialLanguage, setLanguage, t } from './i18n.js';
import { currentPath, match, navigate, route } from './router.js';
import { getSession, homeOf } from './session.js';
import { renderShell, timeZone } from './shell.js';
import { signInView } from './views/signin.js';
import { pickerView } from './views/section-picker.js';
import { sectionView } from './views/section.js';
import { studentView } from './views/student.js';
import { eligibilityView } from './views/eligibility.js';

route('/signin', signInView);
route('/sections', pickerView('faculty'));
route('/sections/:sectionId', sectionView);
route('/students/:studentId', studentView);
route('/eligibility', pickerView('registrar'));
route('/eligibility/:sectionId', eligibilityView);

let cleanup = () => {};

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
    return;
  }
  const result = found.view({ main, params: found.params, session, timeZone: timeZone() });
  if (typeof result === 'function') cleanup = result;
  if (moveFocus) main.querySelector('h1')?.focus({ preventScroll: false });
}

setLanguage(initialLanguage(), { remember: false });
window.addEventListener('hashchange', () => render({ moveFocus: true }));
render();
