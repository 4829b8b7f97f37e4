/** The page frame: the brand, the role's navigation, language, time zone and sign-out. */
import { clear, h } from './dom.js';
import { lang, setLanguage, t } from './i18n.js';
import { DEFAULT_TIME_ZONE, saveTimeZone, savedTimeZone } from './prefs.js';
import { navigate } from './router.js';
import { signOutOfProvider } from './api.js';
import { clearSession, getSession, homeOf } from './session.js';
import { isTimeZone } from './time.js';

export function timeZone() {
  const saved = savedTimeZone();
  return isTimeZone(saved) ? saved : DEFAULT_TIME_ZONE;
}

function navLinks(session) {
  if (!session) return [];
  const links = [];
  if (session.role === 'faculty' || session.role === 'admin') links.push(['#/sections', t('nav.sections')]);
  if (session.role === 'registrar' || session.role === 'admin') links.push(['#/eligibility', t('nav.eligibility')]);
  if (session.role === 'registrar' || session.role === 'admin') links.push(['#/policies', t('nav.policies')]);
  if (session.role === 'registrar' || session.role === 'admin') links.push(['#/terms', t('nav.terms')]);
  if (session.role === 'registrar' || session.role === 'admin') links.push(['#/contact-hours', t('nav.contactHours')]);
  if (['department', 'college', 'registrar', 'admin'].includes(session.role)) links.push(['#/excuses', t('nav.excuses')]);
  if (session.role === 'student') links.push([homeOf(session), t('nav.myAttendance')]);
  if (session.role === 'student') links.push([`${homeOf(session)}/excuses`, t('nav.myExcuses')]);
  return links;
}

function zoneChoices() {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([DEFAULT_TIME_ZONE, timeZone(), browser, 'UTC'].filter((z) => z && isTimeZone(z)))];
}

export function renderShell({ onChange }) {
  const session = getSession();
  document.title = t('app.title');
  document.getElementById('brand').textContent = t('app.brand');
  const skip = document.getElementById('skip-link');
  skip.textContent = t('skip');
  skip.onclick = () => document.getElementById('main').focus();

  const nav = clear(document.getElementById('nav'));
  nav.setAttribute('aria-label', t('nav.label'));
  const current = location.hash || '#/';
  const links = navLinks(session);
  // The page is the longest link the address starts with: a student's excuses are not their attendance page.
  const here = links.map(([href]) => href).filter((href) => current === href || current.startsWith(`${href}/`)).sort((a, b) => b.length - a.length)[0];
  nav.append(
    h(
      'ul',
      {},
      links.map(([href, text]) => h('li', {}, h('a', { href, 'aria-current': href === here ? 'page' : undefined }, text))),
    ),
  );

  const tools = clear(document.getElementById('tools'));
  const other = t('tools.switchToLang');
  tools.append(
    h('button', { type: 'button', class: 'link-button', lang: other, id: 'language-switch', onclick: () => (setLanguage(other), onChange(), document.getElementById('language-switch')?.focus()) }, t('tools.switchTo')),
    h(
      'label',
      { class: 'inline-field' },
      h('span', {}, t('tools.timeZone')),
      h(
        'select',
        { id: 'time-zone', onchange: (e) => (saveTimeZone(e.target.value), onChange(), document.getElementById('time-zone')?.focus()) },
        zoneChoices().map((zone) => h('option', { value: zone, selected: zone === timeZone() }, zone)),
      ),
    ),
  );
  if (session) {
    tools.append(
      h('span', { class: 'who' }, t('tools.signedInAs', { role: t(`role.${session.role}`), subject: session.subject })),
      h('button', { type: 'button', id: 'sign-out', onclick: () => (session.provider ? signOutOfProvider() : (clearSession(), navigate('#/signin'))) }, t('tools.signOut')),
    );
  }
  document.documentElement.dataset.lang = lang();
}
