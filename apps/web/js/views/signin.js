/**
 * Sign-in: a token, a role and the user's id. The API has no "who am I" route, so the token is
 * checked with a harmless read the chosen role may make; a refused token shows the API's message.
 */
import { get, path } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { homeOf, setSession } from '../session.js';
import { errorBox, resultLine } from '../ui/errors.js';

const ROLES = ['faculty', 'student', 'registrar', 'admin'];
/** A section id no one uses: answering 404 (not 401 or 403) proves the token and the role may read sections. */
const PROBE_SECTION = '~sign-in-check~';

async function check(token, role, subject) {
  if (role === 'student') return get(path`/students/${subject}/attendance`, { token });
  try {
    await get(path`/sections/${PROBE_SECTION}/attendance`, { token });
  } catch (error) {
    if (error.status !== 404) throw error;
  }
}

export function signInView({ main }) {
  const result = h('div', { id: 'signin-result' });
  const token = h('input', { id: 'signin-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'signin-intro' });
  const role = h('select', { id: 'signin-role', name: 'role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  const subject = h('input', { id: 'signin-subject', name: 'subject', type: 'text', autocomplete: 'username', spellcheck: 'false', 'aria-describedby': 'signin-subject-hint' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signin.submit'));

  const form = h(
    'form',
    {
      class: 'card narrow',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const values = { token: token.value.trim(), role: role.value, subject: subject.value.trim() };
        if (!values.token) return resultLine(result, 'error', t('signin.needToken')), token.focus();
        if (values.role === 'student' && !values.subject) return resultLine(result, 'error', t('signin.needSubject')), subject.focus();
        submit.disabled = true;
        resultLine(result, 'info', t('signin.checking'));
        try {
          await check(values.token, values.role, values.subject);
          setSession(values);
          navigate(homeOf(values));
        } catch (error) {
          result.replaceChildren(errorBox(error));
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'signin-token' }, t('signin.token')), token),
    h('div', { class: 'field' }, h('label', { for: 'signin-role' }, t('signin.role')), role),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'signin-subject' }, t('signin.subject')),
      subject,
      h('p', { class: 'hint', id: 'signin-subject-hint' }, t('signin.subjectHint')),
    ),
    h('p', { class: 'actions' }, submit),
    result,
  );

  main.append(
    h('h1', { tabindex: '-1' }, t('signin.title')),
    h('p', { id: 'signin-intro' }, t('signin.intro')),
    h('p', { class: 'hint' }, t('signin.demo').split('{command}').map((part, i) => (i ? [h('code', { lang: 'en', dir: 'ltr' }, 'npm run demo'), part] : part))),
    form,
  );
}
