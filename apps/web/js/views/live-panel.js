/** Who is in the virtual class now, and the changes as they arrive, for the section's live feed. */
import { h, uid } from '../dom.js';
import { gregorian } from '../format.js';
import { has, t } from '../i18n.js';
import { liveStateElement, showLiveState } from '../ui/live-state.js';

const KEEP = 20;

export function createLivePanel({ timeZone }) {
  const titleId = uid('live-title');
  const state = liveStateElement();
  const inClass = new Map();
  const inClassList = h('ul', { class: 'in-class', id: 'in-class' });
  const log = h('ol', { class: 'live-log', id: 'live-log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const emptyLog = h('p', { class: 'muted' }, t('live.recentNone'));

  const element = h(
    'aside',
    { class: 'card live', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t('live.title')),
    state,
    h('h3', {}, t('live.inClass')),
    h('p', { class: 'hint' }, t('live.inClassNote')),
    inClassList,
    h('h3', {}, t('live.recent')),
    emptyLog,
    log,
  );

  function drawInClass() {
    inClassList.replaceChildren(
      ...(inClass.size
        ? [...inClass.keys()].sort().map((id) => h('li', { dataset: { student: id } }, id))
        : [h('li', { class: 'muted' }, t('live.inClassNone'))]),
    );
  }
  drawInClass();

  return {
    element,
    /** The feed's state; 'open' (answered headers, nothing received yet) still shows as connecting. */
    setState(name, error) {
      showLiveState(state, element, name === 'open' ? 'connecting' : name, error);
    },
    /** One `change` event: { sectionId, studentId, type, position, student }. */
    record(change, { statusText } = {}) {
      if (change.type === 'virtual-class.joined') inClass.set(change.studentId, true);
      if (change.type === 'virtual-class.left') inClass.delete(change.studentId);
      if (change.type.startsWith('virtual-class.')) drawInClass();
      const what = has(`change.${change.type}`) ? t(`change.${change.type}`) : t('change.other', { type: change.type });
      const text = change.studentId ? t('live.change', { student: change.studentId, what }) : t('change.section', { type: change.type });
      emptyLog.hidden = true;
      log.prepend(
        h(
          'li',
          { dataset: { type: change.type, student: change.studentId ?? '' } },
          h('time', { datetime: new Date().toISOString() }, gregorian(new Date().toISOString(), timeZone)),
          ' ',
          text,
          statusText ? ` ${t('live.statusNow', { status: statusText })}` : '',
        ),
      );
      while (log.children.length > KEEP) log.lastElementChild.remove();
    },
  };
}
