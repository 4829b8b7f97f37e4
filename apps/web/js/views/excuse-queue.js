/**
 * The councils' queue of excuse requests (#/excuses, rules R7): filtered by term, section and
 * state (waiting for a decision by default), and by college and department for registrars and
 * admins; a council sees only its own (GET /excuse-requests). Each request with the student, the
 * section, the items and their dates, the reason, the documents and the student's status now;
 * the councils decide one by one or at a sitting (excuse-sitting.js), and revoke an accepted
 * excuse. A registrar reads it only.
 */
import { announce, h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { link } from '../router.js';
import { statusChip } from '../ui/chips.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { queue } from './excuse-api.js';
import { decisionControls, decisionsFor, revokeControls } from './excuse-decision.js';
import { documentsList, itemsList, sectionName, stateChip, STATES, stepsList } from './excuse-parts.js';
import { sittingPanel } from './excuse-sitting.js';
import { number } from './policy-words.js';

const DECIDERS = ['department', 'college', 'admin'];
const FILTERS = ['termId', 'sectionId', 'college', 'department'];

/** What was chosen, kept while the page is open (a change of language draws the view again). */
let kept;
const ownerOf = (session) => `${session.role}:${session.subject}`;

/** The student's page for those who may open it; a council has the student's requests. */
const studentHref = (studentId, role) => (role === 'registrar' || role === 'admin' ? link('students', studentId) : link('students', studentId, 'excuses'));

export function excuseQueueView({ main, session, timeZone }) {
  const role = session.role;
  const decider = DECIDERS.includes(role);
  const wide = role === 'registrar' || role === 'admin';
  const title = t('queue.title');
  document.title = `${title} — ${t('app.title')}`;
  if (kept?.owner !== ownerOf(session)) kept = { owner: ownerOf(session), filters: { state: 'pending' } };
  let disposed = false;
  /** The rows drawn now, for the sitting. */
  let rows = [];

  const text = (name) => h('input', { id: `queue-${name}`, name, type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', value: kept.filters[name] ?? '' });
  const fields = Object.fromEntries(FILTERS.filter((f) => wide || (f !== 'college' && f !== 'department')).map((f) => [f, text(f)]));
  const state = h(
    'select',
    { id: 'queue-state', name: 'state' },
    ['pending', ...STATES, ''].map((s) => h('option', { value: s, selected: (kept.filters.state ?? '') === s }, t(s ? `queue.state.${s}` : 'queue.state.all'))),
  );
  const listTitle = uid('queue-list');
  const body = h('div', { id: 'excuse-queue-body' }, h('p', { class: 'muted' }, t('common.loading')));
  /** What a decision or a revocation on a row did, kept when the rows are drawn again. */
  const done = h('div', { id: 'queue-message' });
  const afterChange = (position, text) => {
    if (text) resultLine(done, 'success', text);
    return load(position);
  };

  function row(request) {
    const options = decider ? decisionsFor(request, role) : [];
    const controls = options.length ? decisionControls(request, role, { onDone: afterChange }) : null;
    const tick = controls ? h('input', { type: 'checkbox', class: 'row-tick', id: `tick-${request.requestId}`, 'aria-label': t('queue.tick', { student: request.studentId, section: request.sectionId }) }) : null;
    if (controls) rows.push({ request, controls, ticked: () => tick.checked });
    const cell = (key, ...content) => h('td', { 'data-label': t(`queue.col.${key}`), class: `col-${key}` }, content);
    const standing = request.standing;
    return h(
      'tr',
      { dataset: { request: request.requestId, student: request.studentId, section: request.sectionId, state: request.state } },
      decider ? h('td', { class: 'col-tick' }, tick) : null,
      h('th', { scope: 'row', 'data-label': t('queue.col.student') }, h('a', { href: studentHref(request.studentId, role) }, h('bdi', {}, request.studentId))),
      cell('section', sectionName(request.section, request.sectionId), request.section?.termId ? h('span', { class: 'hint block' }, t('queue.term', { term: request.section.termId })) : null),
      cell('items', itemsList(request.items, timeZone)),
      cell('reason', h('span', { class: 'reason', dir: 'auto' }, request.reason)),
      cell('documents', documentsList(request)),
      cell('standing', standing ? [statusChip(standing.status), ' ', h('span', { class: standing.eligible ? 'eligible-yes' : 'eligible-no' }, t(standing.eligible ? 'queue.eligible' : 'queue.notEligible'))] : '—'),
      cell('state', stateChip(request.state), h('details', { class: 'steps-details' }, h('summary', {}, t('queue.steps', { n: number(request.steps.length) })), stepsList(request.steps, timeZone))),
      decider ? cell('decision', controls?.element ?? (request.state === 'accepted' ? revokeControls(request, { onDone: afterChange }) : h('span', { class: 'muted' }, '—'))) : null,
    );
  }

  function table(requests) {
    rows = [];
    const caption = uid('queue-caption');
    const all = h('input', { type: 'checkbox', id: 'tick-all', 'aria-label': t('queue.tickAll'), onchange: () => body.querySelectorAll('.row-tick').forEach((box) => (box.checked = all.checked)) });
    const heads = [decider ? h('th', { scope: 'col', class: 'col-tick' }, all) : null, ...['student', 'section', 'items', 'reason', 'documents', 'standing', 'state'].map((c) => h('th', { scope: 'col' }, t(`queue.col.${c}`))), decider ? h('th', { scope: 'col' }, t('queue.col.decision')) : null];
    const tbody = h('tbody', {}, requests.map(row));
    return h(
      'div',
      { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
      h('table', { id: 'excuse-queue', class: 'excuse-queue-table' }, h('caption', { id: caption }, t('queue.caption', { n: number(requests.length) })), h('thead', {}, h('tr', {}, heads)), tbody),
    );
  }

  async function load(after) {
    const asked = kept.filters;
    body.dataset.state = 'loading';
    try {
      const { requests } = await queue(asked, after);
      if (disposed || kept.filters !== asked) return;
      body.dataset.state = 'done';
      body.dataset.count = String(requests.length);
      replace(body, requests.length ? table(requests) : h('p', { class: 'muted', id: 'excuse-queue-none' }, t('queue.none')));
      announce(t('queue.caption', { n: number(requests.length) }));
    } catch (error) {
      if (disposed || kept.filters !== asked) return;
      body.dataset.state = 'error';
      replace(body, errorBox(error, { retry: () => load() }));
    }
  }

  function submit(event) {
    event.preventDefault();
    done.replaceChildren();
    kept.filters = { ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value.trim() || undefined])), state: state.value || undefined };
    load();
  }

  main.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'intro' }, t(decider ? 'queue.intro' : 'queue.introReadOnly')),
    h(
      'form',
      { class: 'card', id: 'excuse-filters', onsubmit: submit, novalidate: true },
      h('h2', {}, t('queue.filters')),
      h(
        'div',
        { class: 'controls' },
        Object.entries(fields).map(([name, field]) => h('div', { class: 'field' }, h('label', { for: field.id }, t(`queue.filter.${name}`)), field)),
        h('div', { class: 'field' }, h('label', { for: state.id }, t('queue.filter.state')), state),
      ),
      role === 'department' || role === 'college' ? h('p', { class: 'hint', id: 'queue-scope' }, t(`queue.scope.${role}`), ' ', h('bdi', {}, session.subject)) : null,
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'queue-show' }, t('queue.show'))),
    ),
    decider ? sittingPanel({ rows: () => rows, onDone: (position) => load(position) }) : null,
    h('section', { class: 'card', id: 'excuse-queue-card', 'aria-labelledby': listTitle }, h('h2', { id: listTitle }, t('queue.list')), done, body),
  );
  load();
  return () => {
    disposed = true;
  };
}
