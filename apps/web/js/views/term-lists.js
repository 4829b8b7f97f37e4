/**
 * The registrar's term-wide lists (#/terms): a term, with a college, a department and statuses as a
 * dean's office filters them; the students at risk across the term's sections (GET
 * /terms/{termId}/at-risk), each with the component that binds them and its absence against the
 * limit, and a link to their page; the term's eligibility to download (term-downloads.js); and
 * the whole term finalized or reopened (term-decision.js). GET /sections offers the known terms.
 */
import { get, path } from '../api.js';
import { announce, h, replace, uid } from '../dom.js';
import { componentLabel, dateTime, percent, statusLabel } from '../format.js';
import { locale, t } from '../i18n.js';
import { link } from '../router.js';
import { STATUSES } from '../status.js';
import { statusChip } from '../ui/chips.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { number } from './policy-words.js';
import { termDecisionPanel } from './term-decision.js';
import { termDownloads } from './term-downloads.js';

/** The API's own default: second warnings and deprivations. */
const AT_RISK = ['warning-2', 'deprived'];
const COLUMNS = ['terms.col.student', 'terms.col.section', 'terms.col.course', 'terms.col.status', 'terms.col.component', 'terms.col.absence'];

/** What the registrar chose, kept while the page is open (a change of language draws the view again). */
let kept;
const ownerOf = (session) => `${session.role}:${session.subject}`;

/** Each row names the component that binds the student (`binding`, as the term's eligibility list does). */
function atRiskTable(answer) {
  const caption = uid('tl-caption');
  const cell = (key, ...content) => h('td', { 'data-label': t(key) }, content);
  return h(
    'div',
    { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
    h(
      'table',
      { id: 'term-at-risk', class: 'eligibility-table' },
      h('caption', { id: caption }, t('terms.caption', { term: answer.termId, n: number(answer.students.length) })),
      h('thead', {}, h('tr', {}, COLUMNS.map((key) => h('th', { scope: 'col' }, t(key))))),
      h(
        'tbody',
        {},
        answer.students.map((s) => {
          const { binding } = s;
          return h(
            'tr',
            { dataset: { section: s.sectionId, student: s.studentId, status: s.status, component: binding?.component ?? '', absence: binding?.absencePercent ?? '', limit: binding?.limitPercent ?? '' } },
            h('th', { scope: 'row', 'data-label': t('terms.col.student') }, h('a', { href: link('students', s.studentId) }, h('bdi', {}, s.studentId))),
            cell('terms.col.section', h('bdi', {}, s.sectionId)),
            cell('terms.col.course', h('bdi', {}, s.courseCode)),
            cell('terms.col.status', statusChip(s.status)),
            cell('terms.col.component', binding ? componentLabel(binding.component) : '—'),
            cell('terms.col.absence', binding ? t('terms.absence', { absence: percent(binding.absencePercent), limit: percent(binding.limitPercent) }) : '—'),
          );
        }),
      ),
    ),
  );
}

export function termListsView({ main, session, timeZone }) {
  const title = t('terms.title');
  document.title = `${title} — ${t('app.title')}`;
  if (kept?.owner !== ownerOf(session)) kept = { owner: ownerOf(session), filters: undefined, format: 'csv', last: undefined };
  let disposed = false;
  const listTitle = uid('tl-list');
  const chosen = kept.filters ?? { term: '', college: '', department: '', statuses: AT_RISK };

  const input = (name, value) => h('input', { id: `term-${name}`, name, type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', value, list: name === 'term' ? 'term-known' : undefined, required: name === 'term' });
  const fields = { term: input('term', chosen.term), college: input('college', chosen.college), department: input('department', chosen.department) };
  const terms = h('datalist', { id: 'term-known' });
  const boxes = STATUSES.map((s) => h('input', { type: 'checkbox', name: 'status', value: s, checked: chosen.statuses.includes(s) }));
  const formResult = h('div', { class: 'form-result', id: 'term-filters-result' });
  const list = h('div', { id: 'term-at-risk-body' }, h('p', { class: 'muted' }, t('terms.chooseTerm')));
  const tools = h('div', { id: 'term-tools' });

  function submit(event) {
    event.preventDefault();
    formResult.replaceChildren();
    const values = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value.trim()]));
    const statuses = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!values.term) {
      resultLine(formResult, 'error', t('terms.needTerm'));
      return fields.term.focus();
    }
    if (!statuses.length) {
      resultLine(formResult, 'error', t('terms.needStatus'));
      return boxes[0].focus();
    }
    const termChanged = values.term !== kept.filters?.term || values.college !== kept.filters?.college;
    kept.filters = { ...values, statuses };
    if (termChanged) drawTools();
    load();
  }

  async function load() {
    const asked = kept.filters;
    list.dataset.state = 'loading';
    replace(list, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const answer = await get(path`/terms/${asked.term}/at-risk`, { query: { college: asked.college, department: asked.department, status: asked.statuses.join(',') } });
      if (disposed || kept.filters !== asked) return;
      list.dataset.state = 'done';
      list.dataset.count = String(answer.students.length);
      const filters = [asked.college && t('terms.filter.college', { college: asked.college }), asked.department && t('terms.filter.department', { department: asked.department }), t('terms.filter.statuses', { statuses: new Intl.ListFormat(locale(), { type: 'disjunction' }).format(asked.statuses.map(statusLabel)) })];
      replace(
        list,
        h('p', { id: 'term-at-risk-summary' }, filters.filter(Boolean).join(t('whatIf.listSeparator')), '. ', t('terms.generatedAt'), ' ', dateTime(answer.generatedAt, timeZone)),
        answer.students.length ? atRiskTable(answer) : h('p', { class: 'muted', id: 'term-at-risk-none' }, t('terms.none')),
      );
      announce(t('terms.caption', { term: answer.termId, n: number(answer.students.length) }));
    } catch (error) {
      if (disposed || kept.filters !== asked) return;
      list.dataset.state = 'error';
      replace(list, errorBox(error, { retry: load }));
    }
  }

  /** The downloads and the decision are for the term (and college) of the list shown. */
  function drawTools() {
    const { term, college } = kept.filters;
    replace(tools, termDownloads({ scope: () => ({ term, college }), kept }), termDecisionPanel({ term, onDone: () => load() }));
  }

  main.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'intro' }, t('terms.intro')),
    h(
      'form',
      { class: 'card', id: 'term-filters', onsubmit: submit, novalidate: true },
      h('h2', {}, t('terms.filters')),
      h(
        'div',
        { class: 'controls' },
        Object.entries(fields).map(([name, field]) => h('div', { class: 'field' }, h('label', { for: field.id }, t(`terms.${name}`)), field)),
        terms,
      ),
      h('fieldset', { id: 'term-statuses' }, h('legend', {}, t('terms.statuses')), boxes.map((box) => h('label', { class: 'check' }, box, statusLabel(box.value)))),
      h('p', { class: 'hint' }, t('terms.filtersHint')),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'term-show' }, t('terms.show'))),
      formResult,
    ),
    h('section', { class: 'card', id: 'term-at-risk-card', 'aria-labelledby': listTitle }, h('h2', { id: listTitle }, t('terms.atRisk')), list),
    tools,
  );

  get('/sections').then(
    ({ sections }) => {
      const known = [...new Set(sections.map((s) => s.termId).filter(Boolean))].sort();
      replace(terms, known.map((term) => h('option', { value: term })));
      if (!fields.term.value && known.length === 1) fields.term.value = known[0];
    },
    () => {},
  );
  if (kept.filters) {
    drawTools();
    load();
  }
  return () => {
    disposed = true;
  };
}
