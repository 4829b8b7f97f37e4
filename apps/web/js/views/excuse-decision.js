/**
 * A council's controls on one row of the queue: the decision it may take on a request waiting for
 * it (accept, reject with a reason, forward with a note), taken at once or kept for the sitting;
 * and the revocation of an accepted excuse, with a reason.
 */
import { announce, h } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { decide, revoke } from './excuse-api.js';

/** Whose turn it is: the department decides a submitted request, the college a forwarded one; an admin either. */
export function decisionsFor(request, role) {
  const turn = request.state === 'submitted' ? 'department' : request.state === 'forwarded' ? 'college' : undefined;
  if (!turn || (role !== 'admin' && role !== turn)) return [];
  return turn === 'department' ? ['accept', 'reject', 'forward'] : ['accept', 'reject'];
}

const who = (request) => ({ student: request.studentId, section: request.sectionId });

/** The decision chosen on a row: `read()` for the sitting, `set()` from the ticked rows, or taken at once. */
export function decisionControls(request, role, { onDone }) {
  const id = request.requestId;
  const choice = h(
    'select',
    { id: `decision-${id}`, class: 'decision-choice', name: 'decision', onchange: () => (row.dataset.choice = choice.value) },
    h('option', { value: '' }, t('excuses.decision.none')),
    decisionsFor(request, role).map((d) => h('option', { value: d }, t(`excuses.decision.${d}`))),
  );
  const reason = h('input', { id: `decision-reason-${id}`, class: 'decision-reason', type: 'text', maxlength: 2000, autocomplete: 'off' });
  const result = h('div', { class: 'decision-result', id: `decision-result-${id}` });
  const button = h('button', { type: 'button', class: 'decide-one', id: `decide-${id}`, onclick: () => decideNow() }, t('excuses.decideOne'));
  const row = h(
    'div',
    { class: 'decision-controls', dataset: { choice: '' } },
    // Visible words, and whose request for those who do not see the row.
    h('label', { for: choice.id }, t('excuses.decisionLabel'), h('span', { class: 'visually-hidden' }, t('excuses.rowOf', who(request)))),
    choice,
    h('label', { for: reason.id }, t('excuses.reasonLabel'), h('span', { class: 'visually-hidden' }, t('excuses.rowOf', who(request)))),
    reason,
    button,
    result,
  );

  /** The chosen decision, or null; a rejection without a reason is said on the row, and focused. */
  function read({ strict = true } = {}) {
    if (!choice.value) return null;
    const text = reason.value.trim();
    if (strict && choice.value === 'reject' && !text) {
      resultLine(result, 'error', t('excuses.needRejectReason'));
      reason.focus();
      return undefined;
    }
    return { requestId: id, decision: choice.value, ...(text ? { reason: text } : {}) };
  }

  async function decideNow() {
    result.replaceChildren();
    const chosen = read();
    if (chosen === null) return resultLine(result, 'error', t('excuses.needDecision')), choice.focus();
    if (!chosen) return;
    button.disabled = true;
    try {
      const { requestId: _, ...body } = chosen;
      const answer = await decide(id, body);
      const text = t('excuses.decided', { ...who(request), state: t(`excuses.state.${answer.state}`) });
      resultLine(result, 'success', text);
      announce(text);
      await onDone(answer.position, text);
    } catch (error) {
      result.replaceChildren(errorBox(error));
      button.disabled = false;
    }
  }

  return {
    element: row,
    read,
    /** From the ticked rows: a decision the row offers, and the reason when one is given. */
    set(decision, text) {
      if (![...choice.options].some((o) => o.value === decision)) return false;
      choice.value = decision;
      row.dataset.choice = decision;
      if (text) reason.value = text;
      return true;
    },
    clearMessage: () => result.replaceChildren(),
  };
}

/** Revoking an accepted excuse: its reason, then POST …/excuses/{requestId}/revocation. */
export function revokeControls(request, { onDone }) {
  const id = request.requestId;
  const reason = h('input', { id: `revoke-reason-${id}`, class: 'revoke-reason', type: 'text', maxlength: 2000, autocomplete: 'off', required: true });
  const result = h('div', { class: 'revoke-result' });
  const button = h(
    'button',
    {
      type: 'button',
      id: `revoke-${id}`,
      onclick: async () => {
        result.replaceChildren();
        if (!reason.value.trim()) return resultLine(result, 'error', t('excuses.needRevokeReason')), reason.focus();
        button.disabled = true;
        try {
          const answer = await revoke(request, reason.value.trim());
          const text = t('excuses.revoked', who(request));
          resultLine(result, 'success', text);
          announce(text);
          await onDone(answer.position, text);
        } catch (error) {
          result.replaceChildren(errorBox(error));
          button.disabled = false;
        }
      },
    },
    t('excuses.revokeSubmit'),
  );
  return h(
    'details',
    { class: 'revoke-controls', id: `revoke-controls-${id}` },
    h('summary', {}, t('excuses.revoke')),
    h('div', { class: 'field' }, h('label', { for: reason.id }, t('excuses.revokeReason')), reason),
    h('p', { class: 'actions' }, button),
    result,
  );
}
