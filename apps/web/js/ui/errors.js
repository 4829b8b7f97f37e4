/** A refused request shown plainly: the status and the API's own message. */
import { apiText, h } from '../dom.js';
import { t } from '../i18n.js';
import { clearSession } from '../session.js';
import { navigate } from '../router.js';

export function errorBox(error, { retry } = {}) {
  const status = error?.status ?? 0;
  return h(
    'div',
    { class: 'message error', role: 'alert', dataset: { status } },
    status ? h('p', { class: 'message-title' }, t('error.title', { status })) : null,
    h('p', { class: 'error-message' }, status ? apiText(error.message) : error?.message ?? String(error)),
    h(
      'p',
      { class: 'actions' },
      retry ? h('button', { type: 'button', onclick: retry }, t('error.retry')) : null,
      status === 401
        ? h('button', { type: 'button', onclick: () => (clearSession(), navigate('#/signin')) }, t('error.signInAgain'))
        : null,
    ),
  );
}

/** A short result line under a form: role=status for success, role=alert for a refusal. */
export function resultLine(target, kind, content) {
  target.replaceChildren(h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, content));
}
