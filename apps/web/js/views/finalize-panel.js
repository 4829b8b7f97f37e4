/** The registrar freezes a section's eligibility (finalize) or opens it again (reopen), with a reason. */
import { path, post } from '../api.js';
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';

export function finalizePanel({ sectionId, finalized, onDone }) {
  const ids = { reason: uid('fin-reason'), title: uid('fin-title') };
  const result = h('div', { class: 'form-result', id: 'finalize-result' });
  const reason = h('input', { id: ids.reason, type: 'text', maxlength: 2000 });
  const act = (which) => async () => {
    for (const b of buttons) b.disabled = true;
    try {
      const answer = await post(path`/sections/${sectionId}/eligibility/${which}`, reason.value.trim() ? { reason: reason.value.trim() } : {});
      const text = t(which === 'finalize' ? 'registrar.finalizedDone' : 'registrar.reopenedDone');
      resultLine(result, 'success', text);
      update(which === 'finalize');
      buttons[which === 'finalize' ? 1 : 0].focus();
      onDone(answer.position, text);
    } catch (error) {
      result.replaceChildren(errorBox(error));
      update(finalized);
    }
  };
  /** Finalize is offered while open, reopen while finalized. */
  const update = (isFinalized) => {
    finalized = isFinalized;
    buttons[0].disabled = isFinalized;
    buttons[1].disabled = !isFinalized;
  };
  const buttons = [
    h('button', { type: 'button', id: 'finalize', class: 'primary', disabled: finalized, onclick: act('finalize') }, t('registrar.finalize')),
    h('button', { type: 'button', id: 'reopen', disabled: !finalized, onclick: act('reopen') }, t('registrar.reopen')),
  ];
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': ids.title, id: 'finalize-panel' },
    h('h2', { id: ids.title }, t('registrar.actions')),
    h('div', { class: 'field' }, h('label', { for: ids.reason }, t('registrar.actionReason')), reason),
    h('p', { class: 'actions' }, buttons),
    result,
  );
  return { element, update };
}
