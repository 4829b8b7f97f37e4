/**
 * A student's excuse requests (#/students/{studentId}/excuses): the form to ask for one, and every
 * request with its state, its steps (who, when, why) and its documents. The student, registrars
 * and admins read GET /students/{id}/excuse-requests; a council reads its own part of the queue
 * for the student; an instructor may ask for a student but reads no list.
 */
import { h, replace, uid } from '../dom.js';
import { dateTime, statusLabel } from '../format.js';
import { t } from '../i18n.js';
import { link } from '../router.js';
import { errorBox } from '../ui/errors.js';
import { queue, requestsOf } from './excuse-api.js';
import { excuseRequestForm } from './excuse-form.js';
import { byLabel, documentsList, itemsList, sectionName, stateChip, stepsList } from './excuse-parts.js';

const SUBMITTERS = ['student', 'faculty', 'registrar', 'department', 'admin'];
const OWN_LIST = ['student', 'registrar', 'admin'];
const COUNCILS = ['department', 'college'];

function requestCard(request, timeZone) {
  const titleId = uid('excuse-title');
  const entry = (key, ...value) => h('div', { dataset: { field: key } }, h('dt', {}, t(`excuses.field.${key}`)), h('dd', {}, value));
  return h(
    'article',
    { class: 'card excuse-request', 'aria-labelledby': titleId, dataset: { request: request.requestId, state: request.state, section: request.sectionId } },
    h('h3', { id: titleId }, sectionName(request.section, request.sectionId), ' ', stateChip(request.state)),
    h(
      'dl',
      { class: 'excuse-fields' },
      entry('items', itemsList(request.items, timeZone)),
      entry('reason', h('span', { class: 'reason', dir: 'auto' }, request.reason)),
      entry('documents', documentsList(request)),
      entry('requested', byLabel(request.requestedBy), ' · ', dateTime(request.requestedAt, timeZone)),
      request.standing ? entry('standing', statusLabel(request.standing.status)) : null,
    ),
    h('h4', {}, t('excuses.steps')),
    stepsList(request.steps, timeZone),
  );
}

export function studentExcusesView({ main, params, session, timeZone }) {
  const { studentId } = params;
  const own = session.role === 'student' && session.subject === studentId;
  const title = own ? t('excuses.title.own') : t('excuses.title.other', { student: studentId });
  document.title = `${title} — ${t('app.title')}`;
  let disposed = false;
  let requests = [];
  const listTitle = uid('excuse-list-title');
  const body = h('div', { id: 'excuse-requests-body' }, h('p', { class: 'muted' }, t('common.loading')));

  /** The items already asked for in a section, with the state of the request that has them. */
  const busy = (sectionId) => {
    const taken = new Map();
    for (const r of requests) if (r.sectionId === sectionId && ['submitted', 'forwarded', 'accepted'].includes(r.state)) for (const id of r.itemIds) taken.set(id, r.state);
    return taken;
  };

  async function fetchRequests(after) {
    if (OWN_LIST.includes(session.role)) return (await requestsOf(studentId, after)).requests;
    // The queue is oldest first; the student's list is newest first.
    return (await queue({ studentId }, after)).requests.reverse();
  }

  async function load(after) {
    if (!OWN_LIST.includes(session.role) && !COUNCILS.includes(session.role)) {
      body.dataset.state = 'none';
      return replace(body, h('p', { class: 'muted' }, t('excuses.listNotForRole')));
    }
    body.dataset.state = 'loading';
    try {
      requests = await fetchRequests(after);
      if (disposed) return;
      body.dataset.state = 'done';
      body.dataset.count = String(requests.length);
      replace(body, requests.length ? requests.map((r) => requestCard(r, timeZone)) : h('p', { class: 'muted', id: 'excuse-requests-none' }, t('excuses.none')));
      form?.refresh();
    } catch (error) {
      if (disposed) return;
      body.dataset.state = 'error';
      replace(body, errorBox(error, { retry: () => load() }));
    }
  }

  const form = SUBMITTERS.includes(session.role) && (own || session.role !== 'student') ? excuseRequestForm({ studentId, session, timeZone, busy, onSubmitted: (answer) => load(answer.position) }) : null;
  main.append(
    h('h1', { tabindex: '-1' }, title),
    OWN_LIST.includes(session.role) ? h('p', {}, h('a', { href: link('students', studentId), id: 'excuse-back' }, own ? t('excuses.backOwn') : t('excuses.back', { student: studentId }))) : null,
    h('div', { class: 'excuses-layout' }, form?.element, h('section', { class: 'excuse-list', 'aria-labelledby': listTitle }, h('h2', { id: listTitle }, own ? t('excuses.listOwn') : t('excuses.list')), body)),
  );
  load();
  return () => {
    disposed = true;
  };
}
