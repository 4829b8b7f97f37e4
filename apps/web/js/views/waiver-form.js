/** A waiver of a deprivation (rules I10): who decided and why; a refusal (422 below the floor) is shown as the API words it. */
import { path, post } from '../api.js';
import { apiText, h, uid } from '../dom.js';
import { statusLabel } from '../format.js';
import { t } from '../i18n.js';
import { severity } from '../status.js';
import { errorBox, resultLine } from '../ui/errors.js';

export function waiverForm({ sectionId, students, onSaved }) {
  const ids = { student: uid('waiver-student'), by: uid('waiver-by'), reason: uid('waiver-reason'), title: uid('waiver-title') };
  const result = h('div', { class: 'form-result', id: 'waiver-result' });
  const student = h('select', { id: ids.student, name: 'studentId' });
  /** The students to choose from, the most at risk first; keeps the current choice. */
  const update = (list) => {
    const chosen = student.value;
    const ordered = [...list].sort((a, b) => severity(b.status) - severity(a.status) || a.studentId.localeCompare(b.studentId));
    student.replaceChildren(...ordered.map((s) => h('option', { value: s.studentId, selected: s.studentId === chosen }, `${s.studentId} — ${statusLabel(s.status)}`)));
  };
  update(students);
  const decidedBy = h('input', { id: ids.by, name: 'decidedBy', type: 'text', required: true, value: t('waiver.decidedByDefault') });
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 2, required: true, maxlength: 2000 });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('waiver.submit'));
  const element = h(
    'form',
    {
      class: 'card',
      id: 'waiver-form',
      'aria-labelledby': ids.title,
      onsubmit: async (event) => {
        event.preventDefault();
        if (!decidedBy.value.trim()) return decidedBy.focus();
        if (!reason.value.trim()) return reason.focus();
        submit.disabled = true;
        const studentId = student.value;
        try {
          const answer = await post(path`/sections/${sectionId}/waivers`, { studentId, decidedBy: decidedBy.value.trim(), reason: reason.value.trim() });
          resultLine(result, 'success', t('waiver.saved', { student: studentId }));
          onSaved(answer.position);
        } catch (error) {
          if (error.status === 422) resultLine(result, 'error', [t('waiver.refused', { message: '' }).trim(), ' ', apiText(error.message)]);
          else result.replaceChildren(errorBox(error));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h2', { id: ids.title }, t('waiver.title')),
    h('p', { class: 'hint' }, t('waiver.intro')),
    h('div', { class: 'field' }, h('label', { for: ids.student }, t('waiver.student')), student),
    h('div', { class: 'field' }, h('label', { for: ids.by }, t('waiver.decidedBy')), decidedBy),
    h('div', { class: 'field' }, h('label', { for: ids.reason }, t('waiver.reason')), reason),
    h('p', { class: 'actions' }, submit),
    result,
  );
  return { element, update };
}
