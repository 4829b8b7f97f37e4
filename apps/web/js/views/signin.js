/**
 * Sign-in: the access token alone. Who it belongs to, and so which views open, is the service's
 * answer to GET /api/v1/me; the form asks for no role and no id, so nothing typed here grants a
 * view. A refused token shows the API's own message.
 */
import { providerSignInOffered, whoAmI } from '../api.js';
import { h } from '../dom.js';
import { has, t } from '../i18n.js';
import { navigate } from '../router.js';
import { DASHBOARD_ROLES, homeOf, setSession } from '../session.js';
import { errorBox, resultLine } from '../ui/errors.js';

/** Something to tell on the sign-in page once (a stored token the service no longer knows). */
let pending;
export const tellOnSignIn = (message) => (pending = message);

/** A role's name in the viewer's language (the integration role has no dashboard, but a name). */
export const roleName = (role) => (has(`role.${role}`) ? t(`role.${role}`) : role);

export function signInView({ main }) {
  const result = h('div', { id: 'signin-result' });
  const token = h('input', { id: 'signin-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'signin-intro' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, t('signin.submit'));

  const form = h(
    'form',
    {
      class: 'card narrow',
      id: 'signin-form',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const value = token.value.trim();
        if (!value) return resultLine(result, 'error', t('signin.needToken')), token.focus();
        submit.disabled = true;
        resultLine(result, 'info', t('signin.checking'));
        try {
          const me = await whoAmI(value);
          if (!DASHBOARD_ROLES.includes(me.role)) {
            resultLine(result, 'error', t('signin.noDashboard', { role: roleName(me.role) }));
            submit.disabled = false;
            return;
          }
          setSession({ token: value, ...me });
          navigate(homeOf(me));
        } catch (error) {
          result.replaceChildren(errorBox(error));
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'signin-token' }, t('signin.token')), token),
    h('p', { class: 'actions' }, submit),
    result,
  );

  if (pending) {
    const told = pending;
    pending = undefined;
    if (told.error) result.replaceChildren(errorBox(told.error));
    else resultLine(result, told.kind, told.text);
  }

  // With an identity provider, people sign in there; the token stays for development and integrations.
  const provider = h('div', { id: 'signin-provider' });
  void providerSignInOffered().then((offered) => {
    if (!offered) return;
    provider.append(h('p', { class: 'actions' }, h('a', { class: 'button primary', id: 'signin-with-provider', href: '/auth/login' }, t('signin.withProvider'))), h('p', { class: 'hint' }, t('signin.tokenIsForDevelopment')));
  });
  main.append(
    h('h1', { tabindex: '-1' }, t('signin.title')),
    provider,
    h('p', { id: 'signin-intro' }, t('signin.intro')),
    h('p', { class: 'hint' }, t('signin.demo').split('{command}').map((part, i) => (i ? [h('code', { lang: 'en', dir: 'ltr' }, 'npm run demo'), part] : part))),
    form,
  );
}
