/** The instructor's corrections and excuses on one student's record, each with a reason. */
import { path, post } from '../api.js';
import { h, uid } from '../dom.js';
import { outcomeLabel } from '../format.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';

const itemLabel = (item) => `${item.title ? `${item.title} (${item.itemId})` : item.itemId} — ${outcomeLabel(item.outcome, item.kind)}`;

export function correctionForm({ sectionId, studentId, items, onSaved }) {
  const ids = { item: uid('corr-item'), outcome: uid('corr-outcome'), reason: uid('corr-reason') };
  const result = h('div', { class: 'form-result' });
  const outcome = h('select', { id: ids.outcome, name: 'outcome' }, ['present', 'late', 'absent', 'excused'].map((o) => h('option', { value: o }, outcomeLabel(o))));
  /** The outcomes in the chosen item's words: an e-activity is Submitted or Not submitted. */
  const wordOutcomes = () => {
    const kind = items.find((i) => i.itemId === item.value)?.kind;
    for (const option of outcome.options) option.textContent = outcomeLabel(option.value, kind);
  };
  const item = h('select', { id: ids.item, name: 'itemId', onchange: wordOutcomes }, items.map((i) => h('option', { value: i.itemId }, itemLabel(i))));
  wordOutcomes();
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 2, required: true, maxlength: 2000 });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('correction.submit'));
  return h(
    'form',
    {
      class: 'record-form correction-form',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!reason.value.trim()) return reason.focus();
        submit.disabled = true;
        try {
          const answer = await post(path`/sections/${sectionId}/corrections`, { studentId, itemId: item.value, outcome: outcome.value, reason: reason.value.trim() });
          resultLine(result, 'success', t('correction.saved'));
          reason.value = '';
          onSaved?.(answer.position, t('correction.saved'));
        } catch (error) {
          result.replaceChildren(errorBox(error));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h3', {}, t('correction.title')),
    h('div', { class: 'field' }, h('label', { for: ids.item }, t('correction.item')), item),
    h('div', { class: 'field' }, h('label', { for: ids.outcome }, t('correction.outcome')), outcome),
    h('div', { class: 'field' }, h('label', { for: ids.reason }, t('correction.reason')), reason),
    h('p', { class: 'actions' }, submit),
    result,
  );
}

export function excuseForm({ sectionId, studentId, items, onSaved }) {
  const ids = { reason: uid('exc-reason'), by: uid('exc-by'), legend: uid('exc-items') };
  const result = h('div', { class: 'form-result' });
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 2, required: true, maxlength: 2000 });
  const decidedBy = h('input', { id: ids.by, name: 'decidedBy', type: 'text', required: true, value: t('excuse.decidedByDefault') });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('excuse.submit'));
  const choices = items.filter((i) => i.outcome !== 'excused');
  const form = h(
    'form',
    {
      class: 'record-form excuse-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const itemIds = [...form.querySelectorAll('input[name="excuse-item"]:checked')].map((c) => c.value);
        if (!itemIds.length) return resultLine(result, 'error', t('excuse.pickOne'));
        if (!reason.value.trim()) return reason.focus();
        if (!decidedBy.value.trim()) return decidedBy.focus();
        submit.disabled = true;
        try {
          const answer = await post(path`/sections/${sectionId}/excuses`, { studentId, itemIds, reason: reason.value.trim(), decidedBy: decidedBy.value.trim() });
          resultLine(result, 'success', t('excuse.saved'));
          onSaved?.(answer.position, t('excuse.saved'));
        } catch (error) {
          result.replaceChildren(errorBox(error));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h3', {}, t('excuse.title')),
    h(
      'fieldset',
      { class: 'checklist' },
      h('legend', {}, t('excuse.items')),
      choices.map((i) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'excuse-item', value: i.itemId }), h('span', {}, itemLabel(i)))),
    ),
    h('div', { class: 'field' }, h('label', { for: ids.reason }, t('excuse.reason')), reason),
    h('div', { class: 'field' }, h('label', { for: ids.by }, t('excuse.decidedBy')), decidedBy),
    h('p', { class: 'actions' }, submit),
    result,
  );
  return form;
}
