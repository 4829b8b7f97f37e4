/**
 * A drawer (a modal <dialog>: Escape closes it, focus stays inside and returns to the opener)
 * with one student's record: the components, every item's outcome with its evidence on a
 * timeline, course logins, and the instructor's corrections and excuses.
 */
import { get, path } from '../api.js';
import { h, uid, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { t, tp } from '../i18n.js';
import { componentsOf } from '../status.js';
import { componentBar } from '../ui/bars.js';
import { statusChip } from '../ui/chips.js';
import { errorBox } from '../ui/errors.js';
import { itemsTimeline, byMoment } from '../ui/timeline.js';
import { correctionForm, excuseForm } from './record-forms.js';

function logins(weeks, timeZone) {
  if (!weeks?.length) return h('p', { class: 'muted' }, t('drawer.loginsNone'));
  return h(
    'ul',
    { class: 'logins' },
    weeks.map((w) =>
      h(
        'li',
        { class: w.compliant ? 'ok' : 'short' },
        `${t('drawer.loginWeek')} `,
        dateTime(w.weekStart, timeZone, { time: false }),
        `: ${tp('drawer.days', w.days)} · `,
        w.compliant ? t('drawer.compliant') : t('drawer.notCompliant'),
      ),
    ),
  );
}

export function openStudentDrawer({ sectionId, studentId, timeZone, onClosed }) {
  const titleId = uid('drawer-title');
  const body = h('div', { class: 'drawer-body' }, h('p', {}, t('drawer.loading')));
  const close = h('button', { type: 'button', class: 'close', id: 'drawer-close', onclick: () => dialog.close() }, t('drawer.close'));
  const dialog = h(
    'dialog',
    { class: 'drawer', id: 'student-drawer', 'aria-labelledby': titleId, dataset: { student: studentId } },
    h('div', { class: 'drawer-head' }, h('h2', { id: titleId }, t('drawer.title', { student: studentId })), close),
    body,
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClosed?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();

  async function load(after, message) {
    let record;
    try {
      record = await get(path`/sections/${sectionId}/students/${studentId}`, { after });
    } catch (error) {
      body.replaceChildren(errorBox(error, { retry: () => load(after) }));
      return;
    }
    if (!dialog.isConnected) return;
    const items = [...record.items].sort(byMoment);
    const saved = (position, text) => load(position, text);
    replace(body,
      h('p', { class: 'drawer-status' }, statusChip(record.status), ' ', record.eligible ? t('student.eligible') : t('student.notEligible')),
      message ? h('p', { class: 'message success', role: 'status' }, message) : null,
      h('div', { class: 'components' }, componentsOf(record).map((c) => componentBar(c, record.components[c]))),
      h(
        'details',
        { class: 'actions-panel', open: Boolean(message) },
        h('summary', {}, `${t('correction.title')} · ${t('excuse.title')}`),
        correctionForm({ sectionId, studentId, items, onSaved: saved }),
        excuseForm({ sectionId, studentId, items, onSaved: saved }),
      ),
      h('h3', {}, t('drawer.items')),
      itemsTimeline(items, timeZone, { headingLevel: 4 }),
      h('h3', {}, t('drawer.logins')),
      logins(record.logins, timeZone),
    );
  }
  load();
  return {
    studentId,
    close: () => dialog.open && dialog.close(),
    /** A live change named this student: read the record again once the read model has it. */
    reload: (after) => dialog.isConnected && load(after),
  };
}
