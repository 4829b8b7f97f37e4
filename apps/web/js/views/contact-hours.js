/**
 * The registrar's and quality office's contact hours (#/contact-hours; NR Art. 8.4, R8, R13): for a
 * term, with a college or a department, each section's synchronous hours planned, held, not held,
 * pending and cancelled, its short classes, recorded lectures and e-activities, the units taught
 * synchronously and its students' mean contact time, with the term's totals; a bar chart of
 * planned against held hours per section (inline SVG; the table holds the same figures); the rows
 * as CSV or XLSX. GET /terms/{termId}/contact-hours, GET /sections (to offer the known terms).
 * No student is named here: the section's own answer (GET /sections/{id}/contact-hours) does that.
 */
import { fetchFile, get, path } from '../api.js';
import { announce, h, replace, uid } from '../dom.js';
import { dateTime, percent } from '../format.js';
import { locale, t, tp } from '../i18n.js';
import { groupedBarChart } from '../ui/bar-chart.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { csvDownloadButton } from './csv-download.js';
import { number } from './policy-words.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Sections drawn in the chart at most; with more, those with the most hours not held. */
const CHART_SECTIONS = 8;
/** The tallies of virtual classes shown, each as hours and a count of classes. */
const TALLIES = ['planned', 'held', 'notHeld', 'pending', 'cancelled'];
const DEFINITIONS = ['held', 'notHeld', 'pending', 'short', 'published', 'units', 'contact'];

/** What was asked, kept while the page is open (a change of language draws the view again). */
let kept;
const ownerOf = (session) => `${session.role}:${session.subject}`;

const hours = (n) => new Intl.NumberFormat(locale(), { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 2 }).format(n);
const decimal = (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);

const tallyCell = (key, tally) =>
  h('td', { class: 'num', 'data-label': t(`ch.col.${key}`), dataset: { figure: key, count: tally.count, hours: tally.hours } }, hours(tally.hours), h('span', { class: 'hint' }, tp('ch.classes', tally.count)));

/** The cells after the section's name: the same for a section and for the total. */
function figureCells(row) {
  const units = row.units;
  return [
    TALLIES.map((key) => tallyCell(key, row.virtualClasses[key])),
    h('td', { class: 'num', 'data-label': t('ch.col.short'), dataset: { figure: 'short', count: row.virtualClasses.short.count } }, number(row.virtualClasses.short.count)),
    h('td', { class: 'num', 'data-label': t('ch.col.recordedLectures'), dataset: { figure: 'recordedLectures', count: row.recordedLectures.count, hours: row.recordedLectures.hours } }, number(row.recordedLectures.count), h('span', { class: 'hint' }, hours(row.recordedLectures.hours))),
    h('td', { class: 'num', 'data-label': t('ch.col.eActivities'), dataset: { figure: 'eActivities', count: row.eActivities.count } }, number(row.eActivities.count)),
    h(
      'td',
      { class: 'num', 'data-label': t('ch.col.units'), dataset: { figure: 'units', held: units.synchronousHeld, total: units.total, percent: units.synchronousHeldPercent ?? '' } },
      t('ch.unitsOf', { held: number(units.synchronousHeld), total: number(units.total) }),
      h('span', { class: 'hint' }, percent(units.synchronousHeldPercent)),
    ),
    h('td', { class: 'num', 'data-label': t('ch.col.enrollments'), dataset: { figure: 'enrollments', count: row.studentContact.enrollments } }, number(row.studentContact.enrollments)),
    h('td', { class: 'num', 'data-label': t('ch.col.meanContact'), dataset: { figure: 'meanContact', hours: row.studentContact.mean.hours } }, hours(row.studentContact.mean.hours)),
  ];
}

/** Ids in the viewer's list words ("dr-h, dr-k"; "dr-h وdr-k"), each isolated for direction. */
const idList = (ids) => new Intl.ListFormat(locale(), { type: 'conjunction', style: 'narrow' }).formatToParts(ids).map((part) => (part.type === 'element' ? h('bdi', {}, part.value) : part.value));

const COLUMNS = ['section', 'instructors', ...TALLIES, 'short', 'recordedLectures', 'eActivities', 'units', 'enrollments', 'meanContact'];

function sectionsTable(answer) {
  const caption = uid('ch-caption');
  return h(
    'div',
    { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
    h(
      'table',
      { id: 'contact-hours-table', class: 'contact-hours-table' },
      h('caption', { id: caption }, t('ch.caption', { term: answer.termId, n: number(answer.sections.length) })),
      h('thead', {}, h('tr', {}, COLUMNS.map((key) => h('th', { scope: 'col' }, t(`ch.col.${key}`))))),
      h(
        'tbody',
        {},
        answer.sections.map((row) =>
          h(
            'tr',
            { dataset: { section: row.sectionId } },
            h('th', { scope: 'row', 'data-label': t('ch.col.section') }, h('bdi', {}, row.sectionId), h('span', { class: 'hint' }, h('bdi', {}, row.courseCode))),
            h('td', { 'data-label': t('ch.col.instructors') }, row.instructors.length ? idList(row.instructors) : '—'),
            figureCells(row),
          ),
        ),
      ),
      h('tfoot', {}, h('tr', { dataset: { section: 'total' } }, h('th', { scope: 'row', colspan: 2 }, t('ch.total', { n: number(answer.totals.sections) })), figureCells(answer.totals))),
    ),
  );
}

/** Planned against held hours, a pair of bars per section; with many sections, those with the most hours not held. */
function hoursChart(answer) {
  const notHeld = (row) => row.virtualClasses.notHeld.seconds;
  const rows = answer.sections.length <= CHART_SECTIONS ? answer.sections : [...answer.sections].sort((a, b) => notHeld(b) - notHeld(a) || a.sectionId.localeCompare(b.sectionId)).slice(0, CHART_SECTIONS);
  const series = [
    { key: 'planned', label: t('ch.series.planned'), pattern: 'hatch' },
    { key: 'held', label: t('ch.series.held') },
  ];
  const bySection = new Map(rows.map((row) => [row.sectionId, row]));
  const value = (sectionId, key) => bySection.get(sectionId).virtualClasses[key].hours;
  return h(
    'figure',
    { class: 'chart-figure', id: 'contact-hours-chart' },
    h('ul', { class: 'legend chart-legend', 'aria-hidden': 'true' }, series.map((s) => h('li', {}, h('span', { class: `swatch chart-swatch-${s.key}` }), s.label))),
    groupedBarChart({
      id: 'contact-hours-svg',
      groups: rows.map((row) => ({ key: row.sectionId, label: row.sectionId })),
      series,
      value,
      format: decimal,
      title: t('ch.chartTitle', { term: answer.termId }),
      desc: rows.map((row) => t('ch.chartDesc', { section: row.sectionId, planned: hours(value(row.sectionId, 'planned')), held: hours(value(row.sectionId, 'held')) })).join(t('whatIf.listSeparator')),
      xTitle: t('ch.axisSection'),
      yTitle: t('ch.axisHours'),
      rtl: document.documentElement.dir === 'rtl',
    }),
    rows.length < answer.sections.length ? h('figcaption', { class: 'hint', id: 'contact-hours-chart-note' }, t('ch.chartSome', { shown: number(rows.length), total: number(answer.sections.length) })) : null,
  );
}

function downloads(asked) {
  const query = { college: asked.college, department: asked.department };
  const route = path`/terms/${asked.term}/contact-hours`;
  const file = (extension) => `contact-hours-${[asked.term, asked.college, asked.department].filter(Boolean).join('-')}.${extension}`;
  return h(
    'div',
    { class: 'actions', id: 'contact-hours-downloads' },
    csvDownloadButton({ id: 'contact-hours-csv', label: t('ch.downloadCsv'), text: () => get(route, { accept: 'text/csv', query }), file: () => file('csv') }),
    csvDownloadButton({ id: 'contact-hours-xlsx', label: t('ch.downloadXlsx'), text: async () => (await fetchFile(route, { accept: XLSX, query })).blob, file: () => file('xlsx') }),
  );
}

export function contactHoursView({ main, session, timeZone }) {
  const title = t('ch.title');
  document.title = `${title} — ${t('app.title')}`;
  if (kept?.owner !== ownerOf(session)) kept = { owner: ownerOf(session), asked: undefined };
  let disposed = false;
  const resultTitle = uid('ch-result');
  const chosen = kept.asked ?? { term: '', college: '', department: '' };
  const input = (name) =>
    h('input', { id: `contact-hours-${name}`, name, type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', value: chosen[name], list: name === 'term' ? 'contact-hours-terms' : undefined, required: name === 'term' });
  const fields = { term: input('term'), college: input('college'), department: input('department') };
  const terms = h('datalist', { id: 'contact-hours-terms' });
  const formResult = h('div', { class: 'form-result', id: 'contact-hours-form-result' });
  const result = h('div', { id: 'contact-hours-result' }, h('p', { class: 'muted' }, t('ch.chooseTerm')));

  function submit(event) {
    event.preventDefault();
    formResult.replaceChildren();
    const asked = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value.trim()]));
    if (!asked.term) {
      resultLine(formResult, 'error', t('ch.needTerm'));
      return fields.term.focus();
    }
    kept.asked = asked;
    load();
  }

  async function load() {
    const asked = kept.asked;
    result.dataset.state = 'loading';
    replace(result, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const answer = await get(path`/terms/${asked.term}/contact-hours`, { query: { college: asked.college, department: asked.department } });
      if (disposed || kept.asked !== asked) return;
      result.dataset.state = 'done';
      result.dataset.count = String(answer.sections.length);
      const filters = [asked.college && t('ch.filter.college', { college: asked.college }), asked.department && t('ch.filter.department', { department: asked.department })].filter(Boolean);
      replace(
        result,
        h('p', { id: 'contact-hours-summary' }, t('ch.summary', { term: answer.termId, n: number(answer.sections.length) }), filters.length ? ` ${filters.join(t('whatIf.listSeparator'))}.` : '', ' ', t('ch.asOf'), ' ', dateTime(answer.asOf, timeZone)),
        answer.sections.length ? [hoursChart(answer), sectionsTable(answer), downloads(asked)] : h('p', { class: 'muted', id: 'contact-hours-none' }, t('ch.none')),
      );
      announce(t('ch.caption', { term: answer.termId, n: number(answer.sections.length) }));
    } catch (error) {
      if (disposed || kept.asked !== asked) return;
      result.dataset.state = 'error';
      replace(result, errorBox(error, { retry: load }));
    }
  }

  main.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'intro' }, t('ch.intro')),
    h(
      'form',
      { class: 'card', id: 'contact-hours-form', onsubmit: submit, novalidate: true },
      h('h2', {}, t('ch.filters')),
      h('div', { class: 'controls' }, Object.entries(fields).map(([name, field]) => h('div', { class: 'field' }, h('label', { for: field.id }, t(`ch.${name}`)), field)), terms),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'contact-hours-show' }, t('ch.show'))),
      formResult,
    ),
    h('section', { class: 'card', id: 'contact-hours-card', 'aria-labelledby': resultTitle }, h('h2', { id: resultTitle }, t('ch.sections')), result),
    h(
      'details',
      { class: 'card definitions', id: 'contact-hours-definitions' },
      h('summary', {}, t('ch.definitions')),
      h('dl', {}, DEFINITIONS.map((key) => [h('dt', {}, t(`ch.def.${key}`)), h('dd', {}, t(`ch.def.${key}.text`))])),
    ),
  );

  get('/sections').then(
    ({ sections }) => {
      const known = [...new Set(sections.map((s) => s.termId).filter(Boolean))].sort();
      replace(terms, known.map((term) => h('option', { value: term })));
      if (!fields.term.value && known.length === 1) fields.term.value = known[0];
    },
    () => {},
  );
  if (kept.asked) load();
  return () => {
    disposed = true;
  };
}
