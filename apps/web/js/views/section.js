/**
 * The instructor's page of one section: findings, the roster, roll call, a student drawer, and a
 * live panel fed by GET /sections/{id}/live (event: snapshot, then event: change).
 */
import { get, path } from '../api.js';
import { announce, h, uid, replace } from '../dom.js';
import { dateTime, levelLabel, statusLabel } from '../format.js';
import { t } from '../i18n.js';
import { rememberSection } from '../prefs.js';
import { openStream } from '../sse.js';
import { errorBox } from '../ui/errors.js';
import { findingsList } from './findings.js';
import { createLivePanel } from './live-panel.js';
import { createRollCall } from './rollcall.js';
import { createRoster } from './roster.js';
import { openStudentDrawer } from './student-drawer.js';

const HIGHLIGHT_MS = 8000;
/** Changes after which the findings may differ: marks, and the section's own configuration. */
const refreshesFindings = (change) => !change.studentId || change.type === 'in-person.marked' || (/^[A-Z]/.test(change.type) && change.type !== 'NoticeRecorded');

export function sectionView({ main, params, session, timeZone }) {
  const { sectionId } = params;
  document.title = `${t('section.title', { section: sectionId })} — ${t('app.title')}`;
  const content = h('div', { id: 'section-content' }, h('p', {}, t('common.loading')));
  main.append(h('h1', { tabindex: '-1' }, t('section.title', { section: sectionId })), content);

  let disposed = false;
  let stop = () => {};
  let drawer;
  let data;
  const rows = new Map();
  const updated = new Map();
  let refreshTimer;
  /** The service's clock less the browser's, from the last answer: roll-call marks default to the service's now. */
  let clockOffset = 0;

  const roster = createRoster({ sectionId, onDetails: (studentId) => openDrawer(studentId) });
  const live = createLivePanel({ timeZone });
  const rollCall = createRollCall({ sectionId, timeZone, studentIds: () => [...rows.keys()].sort(), now: () => new Date(Date.now() + clockOffset).toISOString(), onSaved: (position) => refresh(position) });
  const meta = h('p', { class: 'meta', id: 'section-meta' });
  const findingsBox = h('div', { id: 'findings-list' });
  const findingsTitle = uid('findings-title');
  const rosterTitle = uid('roster-title');

  function openDrawer(studentId) {
    drawer = openStudentDrawer({
      sectionId,
      studentId,
      timeZone,
      onClosed: () => {
        drawer = undefined;
        main.querySelector(`[data-focus-key="details:${CSS.escape(studentId)}"]`)?.focus();
      },
    });
  }

  function drawRoster() {
    roster.update([...rows.values()], new Set(updated.keys()));
  }

  function drawSummary() {
    replace(meta,
      t('section.level', { level: levelLabel(data.level) }),
      ' · ',
      t('section.generatedAt', { date: '' }).trim(),
      ' ',
      dateTime(data.generatedAt, timeZone),
      data.finalized ? [' · ', h('span', { class: 'chip finalized' }, t('section.finalized'))] : null,
    );
    findingsBox.replaceChildren(findingsList(data.findings, { onRollCall: (itemId) => rollCall.open(itemId) }));
  }

  function accept(answer) {
    data = answer;
    clockOffset = Date.parse(answer.generatedAt) - Date.now();
    rows.clear();
    for (const row of answer.students) rows.set(row.studentId, row);
    drawSummary();
    drawRoster();
  }

  function highlight(studentId) {
    clearTimeout(updated.get(studentId));
    updated.set(
      studentId,
      setTimeout(() => {
        updated.delete(studentId);
        if (!disposed) drawRoster();
      }, HIGHLIGHT_MS),
    );
  }

  /** Reads the section again, once the read model has seen `after`. */
  function refresh(after) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      try {
        const answer = await get(path`/sections/${sectionId}/attendance`, { after });
        if (!disposed) accept(answer);
      } catch {
        /* the live feed keeps the rows current; the next change tries again */
      }
    }, 150);
  }

  function onEvent({ event, data: payload }) {
    if (disposed) return;
    if (event === 'snapshot') {
      accept(payload);
      live.setState('live');
      return;
    }
    if (event !== 'change') return;
    const change = payload;
    if (change.studentId) {
      const before = rows.get(change.studentId);
      if (change.student) rows.set(change.studentId, change.student);
      else rows.delete(change.studentId);
      highlight(change.studentId);
      drawRoster();
      if (drawer?.studentId === change.studentId) drawer.reload(change.position);
      const statusChanged = change.student && before?.status !== change.student.status;
      live.record(change, { statusText: statusChanged ? statusLabel(change.student.status) : undefined });
      if (statusChanged) announce(`${change.studentId}: ${statusLabel(change.student.status)}`);
    } else {
      live.record(change);
    }
    if (refreshesFindings(change)) refresh(change.position);
  }

  async function load() {
    content.replaceChildren(h('p', {}, t('common.loading')));
    let answer;
    try {
      answer = await get(path`/sections/${sectionId}/attendance`);
    } catch (error) {
      if (!disposed) content.replaceChildren(errorBox(error, { retry: load }));
      return;
    }
    if (disposed) return;
    rememberSection(session, 'faculty', sectionId);
    accept(answer);
    content.replaceChildren(
      meta,
      h(
        'div',
        { class: 'section-layout' },
        h(
          'div',
          { class: 'main-column' },
          h('section', { class: 'card', 'aria-labelledby': findingsTitle, id: 'findings' }, h('h2', { id: findingsTitle }, t('finding.title')), findingsBox),
          h('section', { class: 'card', 'aria-labelledby': rosterTitle, id: 'roster' }, h('h2', { id: rosterTitle }, t('roster.title')), roster.element),
          rollCall.element,
        ),
        live.element,
      ),
    );
    stop = openStream(path`/sections/${sectionId}/live`, {
      onEvent,
      onState: (state, error) => state !== 'open' && live.setState(state, error),
    });
  }

  load();
  return () => {
    disposed = true;
    stop();
    clearTimeout(refreshTimer);
    for (const timer of updated.values()) clearTimeout(timer);
    drawer?.close();
  };
}
