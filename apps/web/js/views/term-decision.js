/**
 * Finalizes or reopens the eligibility of every section of a term in one step (POST
 * /terms/{termId}/finalize or /reopen): the reason is required, and the registrar confirms what
 * and why before anything is sent. The answer is said back: the sections changed, and those that
 * were already so (the API leaves them as they are).
 */
import { path, post } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { number } from './policy-words.js';

const KINDS = ['finalize', 'reopen'];

/** `onDone(answer)` once the API has answered a confirmed decision. */
export function termDecisionPanel({ term, onDone }) {
  const ids = { title: uid('tdc-title'), hint: uid('tdc-hint'), question: uid('tdc-question') };
  const reason = h('textarea', { id: 'term-reason', name: 'reason', rows: 2, maxlength: 2000, required: true, 'aria-describedby': ids.hint });
  const result = h('div', { class: 'form-result', id: 'term-decision-result' });
  const confirmation = h('div', { id: 'term-confirm', hidden: true });
  const buttons = KINDS.map((kind) => h('button', { type: 'button', id: `term-${kind}`, class: kind === 'finalize' ? 'primary' : undefined, onclick: () => ask(kind) }, t(`terms.${kind}`)));

  /** While a decision is being confirmed or sent, its reason and the other buttons hold still. */
  function hold(held) {
    reason.readOnly = held;
    for (const button of buttons) button.disabled = held;
  }

  function cancel(kind) {
    confirmation.hidden = true;
    confirmation.replaceChildren();
    hold(false);
    resultLine(result, 'info', t('terms.cancelled'));
    buttons[KINDS.indexOf(kind)].focus();
  }

  function ask(kind) {
    result.replaceChildren();
    const why = reason.value.trim();
    if (!why) {
      reason.setAttribute('aria-invalid', 'true');
      resultLine(result, 'error', t('terms.needReason'));
      return reason.focus();
    }
    reason.removeAttribute('aria-invalid');
    const yes = h('button', { type: 'button', class: 'primary', id: 'term-confirm-yes', dataset: { kind }, onclick: () => decide(kind, why, yes) }, t(`terms.confirmYes.${kind}`, { term }));
    replace(
      confirmation,
      h(
        'div',
        { class: 'message warning', role: 'group', 'aria-labelledby': ids.question },
        h('p', { id: ids.question, class: 'message-title' }, t(`terms.confirm.${kind}`, { term })),
        h('p', {}, t('terms.confirmReason'), ' ', h('span', { class: 'reason', dir: 'auto', id: 'term-confirm-reason' }, why)),
        h('p', { class: 'actions' }, yes, h('button', { type: 'button', id: 'term-confirm-cancel', onclick: () => cancel(kind) }, t('terms.cancel'))),
      ),
    );
    confirmation.hidden = false;
    hold(true);
    yes.focus();
  }

  async function decide(kind, why, yes) {
    yes.disabled = true;
    try {
      const answer = await post(path`/terms/${term}/${kind}`, { reason: why });
      const changed = answer[kind === 'finalize' ? 'finalized' : 'reopened'] ?? [];
      reason.value = '';
      resultLine(result, 'success', [
        h('span', { id: 'term-decision-counts', dataset: { kind, changed: changed.length, unchanged: answer.unchanged.length } }, t(`terms.done.${kind}`, { term, changed: number(changed.length), unchanged: number(answer.unchanged.length) })),
        changed.length ? [' ', t('terms.changedSections'), ' ', changed.map((id, i) => [i ? t('whatIf.listSeparator') : '', h('bdi', {}, id)])] : null,
      ]);
      onDone(answer);
    } catch (error) {
      result.replaceChildren(errorBox(error));
    } finally {
      confirmation.hidden = true;
      confirmation.replaceChildren();
      hold(false);
      buttons[KINDS.indexOf(kind)].focus();
    }
  }

  return h(
    'section',
    { class: 'card', id: 'term-decision', 'aria-labelledby': ids.title },
    h('h2', { id: ids.title }, t('terms.decide', { term })),
    h('p', { class: 'hint' }, t('terms.decideIntro')),
    h('div', { class: 'field' }, h('label', { for: 'term-reason' }, t('terms.reason')), h('p', { class: 'hint', id: ids.hint }, t('terms.reasonHint')), reason),
    h('p', { class: 'actions' }, buttons),
    confirmation,
    result,
  );
}
