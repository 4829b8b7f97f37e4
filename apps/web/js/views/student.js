/**
 * A student's own page: each section's components as gauges, the allowance in plain words,
 * kept current by the student's attendance stream, notices as they arrive (GET …/notifications
 * and the …/notifications/stream feed), and every item's outcome with its evidence.
 */
import { get, path } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { amount, componentLabel, levelLabel, percent } from '../format.js';
import { lang, t } from '../i18n.js';
import { link } from '../router.js';
import { openStream } from '../sse.js';
import { allowanceSentence, componentsOf } from '../status.js';
import { componentBar } from '../ui/bars.js';
import { statusChip } from '../ui/chips.js';
import { errorBox } from '../ui/errors.js';
import { gauge } from '../ui/gauge.js';
import { itemsTimeline } from '../ui/timeline.js';
import { noticeText } from '../ui/words.js';
import { createNoticesPanel } from './notices.js';

/**
 * The component's figures, each with its label: the absence so far (of what the limit is measured
 * against) and the absence limit in the component's unit. The limit is what has been missed plus
 * what may still be missed (the API's allowance); once nothing may be missed it is reached.
 */
function figureList(component, figures) {
  const planned = figures.planned > 0;
  const limit = !planned ? '—' : figures.allowance > 0 || figures.absent === 0 ? amount(component, figures.absent + figures.allowance) : t('fig.limitReached');
  const entries = [
    ['absence', t('fig.absenceSoFar'), planned ? t('fig.percentAndAmount', { percent: percent(figures.absencePercent), amount: amount(component, figures.absent) }) : '—'],
    ['limit', t('fig.limit'), limit],
  ];
  return h(
    'dl',
    { class: 'figure-list' },
    entries.map(([key, term, value]) => h('div', { dataset: { figure: key } }, h('dt', {}, term), h('dd', {}, value))),
  );
}

function sectionCard(row, record, timeZone) {
  const titleId = uid('sec-title');
  const items = record?.items ?? [];
  return h(
    'section',
    { class: ['card', 'student-section', 'status-border-' + row.status], 'aria-labelledby': titleId, dataset: { section: row.sectionId, status: row.status } },
    h('h2', { id: titleId }, t('section.title', { section: row.sectionId })),
    h('p', { class: 'meta' }, levelLabel(row.level), ' · ', statusChip(row.status), ' ', h('strong', {}, row.eligible ? t('student.eligible') : t('student.notEligible'))),
    h(
      'ul',
      { class: 'gauges' },
      componentsOf(row).map((c) =>
        h(
          'li',
          { class: 'gauge-card', dataset: { component: c } },
          h('h3', {}, componentLabel(c)),
          h('div', { class: 'gauge-row' }, gauge(c, row.components[c]), figureList(c, row.components[c])),
          componentBar(c, row.components[c], { compact: true, numbers: false }),
          h('p', { class: 'allowance-words' }, allowanceSentence(c, row.components[c], items)),
        ),
      ),
    ),
    record
      ? h('details', { class: 'items-details' }, h('summary', {}, t('student.items')), itemsTimeline(items, timeZone))
      : null,
  );
}

export function studentView({ main, params, session, timeZone }) {
  const { studentId } = params;
  const own = session.role === 'student' && session.subject === studentId;
  const title = own ? t('student.title.own') : t('student.title.other', { student: studentId });
  document.title = `${title} — ${t('app.title')}`;
  const sectionsBox = h('div', { class: 'student-sections', id: 'student-sections' }, h('p', {}, t('common.loading')));
  const notices = createNoticesPanel({ timeZone });
  // Excuse requests (rules R7): the form to ask for one and every request's steps, on their own page.
  const excuses = h('p', { class: 'page-links' }, h('a', { href: link('students', studentId, 'excuses'), id: 'student-excuses-link' }, own ? t('student.excusesOwn') : t('student.excuses')));
  main.append(h('h1', { tabindex: '-1' }, title), excuses, h('div', { class: 'student-layout' }, sectionsBox, notices.element));

  let disposed = false;
  const stops = [];
  let reloadTimer;
  /** Reads the sections again once the read model has `position`; a burst of changes reads once. */
  const reloadAfter = (position) => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => loadSections(position), 100);
  };

  /** Reads the sections and each one's record (for the evidence and the typical length of an item). */
  async function loadSections(after) {
    let answer;
    try {
      answer = await get(path`/students/${studentId}/attendance`, { after });
    } catch (error) {
      if (!disposed) sectionsBox.replaceChildren(errorBox(error, { retry: () => loadSections() }));
      return false;
    }
    const records = await Promise.all(answer.sections.map((s) => get(path`/sections/${s.sectionId}/students/${studentId}`, { after }).catch(() => undefined)));
    if (disposed) return false;
    const openDetails = new Set([...sectionsBox.querySelectorAll('details[open]')].map((d) => d.closest('[data-section]')?.dataset.section));
    sectionsBox.replaceChildren(
      ...(answer.sections.length ? answer.sections.map((row, i) => sectionCard(row, records[i], timeZone)) : [h('p', {}, t('student.noSections'))]),
    );
    for (const id of openDetails) {
      const details = sectionsBox.querySelector(`[data-section="${CSS.escape(id ?? '')}"] details`);
      if (details) details.open = true;
    }
    return true;
  }

  async function fetchNotices() {
    const answer = await get(path`/students/${studentId}/notifications`);
    if (!disposed) notices.fill(answer.notifications);
  }

  /** The notices so far, then the stream; each (re)connection reads the list again to fill any gap. */
  async function loadNotices() {
    if (session.role !== 'student' && session.role !== 'admin') return notices.note(t('notices.studentOnly'));
    try {
      await fetchNotices();
    } catch (error) {
      if (!disposed) notices.element.append(errorBox(error));
      return;
    }
    stops.push(openStream(path`/students/${studentId}/notifications/stream`, {
      onState: (state, error) => {
        notices.setState(state, error);
        if (state === 'open') fetchNotices().catch(() => {});
      },
      onEvent: ({ event, data }) => {
        if (disposed || event !== 'notice') return;
        if (notices.add(data)) announce(t('notices.new', { message: noticeText(data, lang()) }));
        reloadAfter(data.position);
      },
    }));
  }

  /** The student's rows change as facts arrive, before any notice: follow them. */
  function followAttendance() {
    stops.push(openStream(path`/students/${studentId}/attendance/stream`, {
      onEvent: ({ event, data }) => {
        if (!disposed && event === 'change') reloadAfter(data.position);
      },
    }));
  }

  loadSections().then((ok) => {
    if (!ok || disposed) return;
    followAttendance();
    loadNotices();
  });
  return () => {
    disposed = true;
    clearTimeout(reloadTimer);
    for (const stop of stops) stop();
  };
}
