/**
 * Roll call for a classroom session: everyone marked present, late or absent in a few clicks,
 * sent as `in-person.marked` facts (POST /api/v1/events) with ids rollcall:<section>:<item>:<student>:<timestamp>.
 */
import { get, path, post } from '../api.js';
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { isoToLocalInput, localInputToIso } from '../time.js';
import { dateTimeField } from '../ui/datetime-field.js';
import { errorBox, resultLine } from '../ui/errors.js';

const MARKS = ['present', 'late', 'absent'];

/**
 * Answers { element, open(itemId) }. studentIds() gives the current roster; now() the service's
 * clock (estimated from the attendance answer's generatedAt), the default time of the marks.
 */
export function createRollCall({ sectionId, timeZone, studentIds, now, onSaved }) {
  const ids = { item: uid('rc-item'), at: uid('rc-at'), title: uid('rc-title') };
  let sessions;
  let wanted;
  const body = h('div', { class: 'rollcall-body' }, h('p', {}, t('rollcall.loading')));
  const element = h(
    'details',
    { class: 'card rollcall', id: 'rollcall', ontoggle: () => element.open && load() },
    h('summary', {}, h('h2', { id: ids.title }, t('rollcall.title'))),
    body,
  );

  async function load() {
    if (sessions) return select(wanted);
    const roster = studentIds();
    if (!roster.length) return body.replaceChildren(h('p', {}, t('rollcall.noSessions')));
    try {
      const record = await get(path`/sections/${sectionId}/students/${roster[0]}`);
      sessions = record.items.filter((item) => item.kind === 'inPerson');
    } catch (error) {
      body.replaceChildren(errorBox(error, { retry: load }));
      return;
    }
    drawForm();
  }

  function select(itemId) {
    const field = element.querySelector(`#${ids.item}`);
    if (field && itemId && sessions.some((s) => s.itemId === itemId)) field.value = itemId;
    field?.focus();
  }

  function drawForm() {
    if (!sessions.length) return body.replaceChildren(h('p', {}, t('rollcall.noSessions')));
    const result = h('div', { class: 'rollcall-result', id: 'rollcall-result' });
    const item = h('select', { id: ids.item, name: 'itemId' }, sessions.map((s) => h('option', { value: s.itemId }, s.title ? `${s.title} (${s.itemId})` : s.itemId)));
    const atField = dateTimeField({ id: ids.at, name: 'markedAt', label: t('rollcall.markedAt', { tz: timeZone }), timeZone, required: true, value: isoToLocalInput(now(), timeZone), emptyHint: t('rollcall.atEmpty') });
    const at = atField.input;
    const students = studentIds();
    const submit = h('button', { type: 'submit', class: 'primary', id: 'rollcall-save' });
    const countMarks = () => students.filter((s) => chosen(s)).length;
    const chosen = (studentId) => element.querySelector(`input[name="mark-${CSS.escape(studentId)}"]:checked`)?.value || '';
    const refreshCount = () => (submit.textContent = t('rollcall.save', { count: countMarks() }));
    const setAll = (mark) => {
      for (const radio of element.querySelectorAll(`.mark-group input[value="${mark}"]`)) radio.checked = true;
      refreshCount();
    };

    const form = h(
      'form',
      {
        class: 'rollcall-form',
        onchange: refreshCount,
        onsubmit: async (event) => {
          event.preventDefault();
          const marks = students.map((studentId) => [studentId, chosen(studentId)]).filter(([, mark]) => mark);
          if (!marks.length) return resultLine(result, 'error', t('rollcall.nothing'));
          const occurredAt = localInputToIso(at.value, timeZone);
          if (!occurredAt) return at.focus();
          const stamp = Date.now();
          const events = marks.map(([studentId, status]) => ({
            id: `rollcall:${sectionId}:${item.value}:${studentId}:${stamp}`,
            type: 'in-person.marked',
            occurredAt,
            sectionId,
            studentId,
            itemId: item.value,
            status,
          }));
          submit.disabled = true;
          resultLine(result, 'info', t('common.saving'));
          try {
            const answer = await post('/events', { events });
            const tally = { accepted: 0, duplicate: 0, rejected: 0 };
            for (const r of answer.results) tally[r.status] += 1;
            const rejected = answer.results.filter((r) => r.status === 'rejected');
            resultLine(result, rejected.length ? 'error' : 'success', [
              t('rollcall.saved', tally),
              rejected.length ? h('ul', {}, rejected.map((r) => h('li', { lang: 'en' }, `${r.id}: ${r.error}`))) : null,
            ]);
            onSaved?.(answer.position);
          } catch (error) {
            result.replaceChildren(errorBox(error));
          } finally {
            submit.disabled = false;
          }
        },
      },
      h('p', {}, t('rollcall.intro')),
      h('p', { class: 'hint' }, t('rollcall.sourceNote')),
      h(
        'div',
        { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: ids.item }, t('rollcall.session')), item),
        atField.element,
      ),
      h(
        'p',
        { class: 'actions quick-marks' },
        MARKS.map((mark) => h('button', { type: 'button', dataset: { all: mark }, onclick: () => setAll(mark) }, t(`rollcall.all.${mark}`))),
        h('button', { type: 'button', onclick: () => setAll('') }, t('rollcall.clear')),
      ),
      h(
        'div',
        { class: 'mark-groups' },
        students.map((studentId) =>
          h(
            'fieldset',
            { class: 'mark-group', dataset: { student: studentId } },
            h('legend', {}, h('span', { class: 'visually-hidden' }, t('rollcall.markFor', { student: '' })), studentId),
            [...MARKS, ''].map((mark) =>
              h(
                'label',
                { class: 'radio' },
                h('input', { type: 'radio', name: `mark-${studentId}`, value: mark, checked: mark === '' }),
                h('span', {}, mark ? t(`outcome.${mark}`) : t('rollcall.notMarked')),
              ),
            ),
          ),
        ),
      ),
      h('p', { class: 'actions' }, submit),
      result,
    );
    body.replaceChildren(form);
    refreshCount();
    select(wanted);
  }

  return {
    element,
    /** Opens the roll call on a session (from the "attendance not taken" finding). */
    open(itemId) {
      wanted = itemId;
      if (element.open) select(itemId);
      else element.open = true;
      element.scrollIntoView({ block: 'start' });
    },
  };
}
