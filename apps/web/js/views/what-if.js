/**
 * What-if: a candidate absence limit tried on a scope before anyone adopts it. POST /what-if with
 * Accept: text/event-stream, read with fetch (EventSource cannot POST): a <progress> follows the
 * progress events, then the result is drawn as a grouped bar chart of the students per status now
 * and with the candidate (inline SVG, with the same figures in a table), and the students whose
 * status would change with each component's absence against its limit. The changes can be
 * downloaded as CSV (Accept: text/csv). Nothing is written by a what-if, and the page says so.
 *
 * The last result is kept while the page is open, so changing the language redraws it in the
 * other language rather than losing it.
 */
import { ApiError, request, send } from '../api.js';
import { csvDownloadButton } from './csv-download.js';
import { announce, h, replace, uid } from '../dom.js';
import { componentLabel, dateTime, percent, statusLabel } from '../format.js';
import { lang, locale, t } from '../i18n.js';
import { eventsOf } from '../sse.js';
import { severity, STATUSES } from '../status.js';
import { groupedBarChart } from '../ui/bar-chart.js';
import { statusChip } from '../ui/chips.js';
import { errorBox } from '../ui/errors.js';
import { scopeField } from '../ui/scope-field.js';
import { number, policyFromFields, scopeLabel, settingsText, WHAT_IF_SCOPES } from './policy-words.js';

/** The rows of changes drawn at most; the CSV has every one. */
const MAX_ROWS = 300;

/** The last what-if of this page, by who ran it: { owner, scope, limit, warnings, result }. */
let kept;
const ownerOf = (session) => `${session.role}:${session.subject}`;

/**
 * POST /what-if as an event stream: `onProgress({ sectionsDone, sectionsTotal, enrollmentsDone })`
 * for each progress event; answers the result event's data.
 */
export async function streamWhatIf(body, { signal, onProgress }) {
  const response = await send('/what-if', { method: 'POST', accept: 'text/event-stream', contentType: 'application/json', body: JSON.stringify(body), signal });
  try {
    for await (const parsed of eventsOf(response)) {
      const data = JSON.parse(parsed.data);
      if (parsed.event === 'progress') onProgress?.(data);
      else if (parsed.event === 'result') return data;
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, t('error.network'));
  }
  throw new ApiError(0, t('whatIf.ended'));
}

/** A text whose remaining {name} places are filled with elements (a <time>, say). */
function withNodes(text, nodes) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    parts.push(text.slice(last, match.index), match[1] in nodes ? nodes[match[1]] : match[0]);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

const signed = (n) => new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero' }).format(n);

/** Counts before and after as a table: the chart's figures, for everyone. */
function countsTable(counts) {
  const caption = uid('wi-counts');
  return h(
    'div',
    { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
    h(
      'table',
      { id: 'what-if-counts', class: 'counts-table' },
      h('caption', { id: caption }, t('whatIf.countsCaption')),
      h('thead', {}, h('tr', {}, [t('roster.status'), t('whatIf.now'), t('whatIf.after'), t('whatIf.difference')].map((label) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        STATUSES.map((status) => {
          const before = counts.before[status] ?? 0;
          const after = counts.after[status] ?? 0;
          return h(
            'tr',
            { dataset: { status } },
            h('th', { scope: 'row' }, statusLabel(status)),
            h('td', { class: 'num', dataset: { when: 'before', value: before } }, number(before)),
            h('td', { class: 'num', dataset: { when: 'after', value: after } }, number(after)),
            h('td', { class: 'num', dataset: { value: after - before } }, signed(after - before)),
          );
        }),
      ),
    ),
  );
}

/** The chart of the counts, with its legend in the page's language and direction. */
function countsChart(counts) {
  const series = [
    { key: 'before', label: t('whatIf.now'), pattern: 'hatch' },
    { key: 'after', label: t('whatIf.after') },
  ];
  const value = (status, when) => counts[when][status] ?? 0;
  const chart = groupedBarChart({
    id: 'what-if-svg',
    groups: STATUSES.map((status) => ({ key: status, label: statusLabel(status) })),
    series,
    value,
    format: number,
    title: t('whatIf.chartTitle'),
    desc: STATUSES.map((status) => t('whatIf.chartDesc', { status: statusLabel(status), before: number(value(status, 'before')), after: number(value(status, 'after')) })).join(t('whatIf.listSeparator')),
    xTitle: t('whatIf.axisStatus'),
    yTitle: t('whatIf.axisCount'),
    rtl: document.documentElement.dir === 'rtl',
  });
  return h(
    'figure',
    { class: 'chart-figure', id: 'what-if-chart' },
    h('ul', { class: 'legend chart-legend', 'aria-hidden': 'true' }, series.map((s) => h('li', {}, h('span', { class: `swatch chart-swatch-${s.key}` }), s.label))),
    chart,
  );
}

function componentLine(component, figures) {
  const beyond = figures.after.absencePercent > figures.after.limitPercent;
  return h(
    'li',
    { class: beyond ? 'beyond' : undefined, dataset: { component, absenceBefore: figures.before.absencePercent, limitBefore: figures.before.limitPercent, absenceAfter: figures.after.absencePercent, limitAfter: figures.after.limitPercent } },
    t('whatIf.component', {
      component: componentLabel(component),
      absenceBefore: percent(figures.before.absencePercent),
      limitBefore: percent(figures.before.limitPercent),
      absenceAfter: percent(figures.after.absencePercent),
      limitAfter: percent(figures.after.limitPercent),
    }),
  );
}

/** "Second warning → Deprived", the arrow pointing the way the page reads, and said as words. */
const fromTo = (from, to) => h('span', { class: 'from-to' }, statusChip(from), h('span', { 'aria-hidden': 'true', class: 'arrow' }, ` ${t('whatIf.arrow')} `), h('span', { class: 'visually-hidden' }, `${t('whatIf.to')} `), statusChip(to));

function changesTable(changes) {
  const caption = uid('wi-changes');
  const rows = [...changes].sort((a, b) => a.sectionId.localeCompare(b.sectionId) || severity(b.to) - severity(a.to) || a.studentId.localeCompare(b.studentId)).slice(0, MAX_ROWS);
  return [
    h(
      'div',
      { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
      h(
        'table',
        { id: 'what-if-changes', class: 'changes-table' },
        h('caption', { id: caption }, t('whatIf.changesCaption', { n: number(changes.length) })),
        h('thead', {}, h('tr', {}, [t('roster.student'), t('whatIf.col.section'), t('whatIf.col.status'), t('whatIf.col.components')].map((label) => h('th', { scope: 'col' }, label)))),
        h(
          'tbody',
          {},
          rows.map((change) =>
            h(
              'tr',
              { dataset: { section: change.sectionId, student: change.studentId, from: change.from, to: change.to } },
              h('th', { scope: 'row', 'data-label': t('roster.student') }, h('bdi', {}, change.studentId)),
              h('td', { 'data-label': t('whatIf.col.section') }, h('bdi', {}, change.sectionId)),
              h('td', { 'data-label': t('whatIf.col.status') }, fromTo(change.from, change.to)),
              h('td', { 'data-label': t('whatIf.col.components') }, h('ul', { class: 'component-changes' }, Object.entries(change.components ?? {}).map(([c, f]) => componentLine(c, f)))),
            ),
          ),
        ),
      ),
    ),
    changes.length > rows.length ? h('p', { class: 'hint' }, t('whatIf.truncated', { shown: number(rows.length), total: number(changes.length) })) : null,
  ];
}

/** The changes as CSV, asked of the API again with Accept: text/csv. */
const csvDownload = (body) =>
  csvDownloadButton({
    id: 'what-if-csv',
    label: t('whatIf.csv'),
    text: () => request('/what-if', { method: 'POST', body, accept: 'text/csv' }),
    file: () => `what-if-${body.scope.replace(/[^A-Za-z0-9-]+/g, '-')}.csv`,
  });

export function whatIfPanel({ session, sections, colleges, timeZone }) {
  const ids = { title: uid('wi-title'), limit: 'what-if-limit', limitHint: uid('wi-limit-hint'), warnings: 'what-if-warnings', warningsHint: uid('wi-warn-hint'), progress: uid('wi-progress') };
  const mine = kept?.owner === ownerOf(session) ? kept : undefined;
  const scope = scopeField({ prefix: 'what-if', kinds: WHAT_IF_SCOPES, sections, colleges, initial: mine?.scope });
  const limit = h('input', { id: ids.limit, name: 'limit', type: 'number', min: 0, max: 100, step: 1, required: true, inputmode: 'numeric', lang: lang(), value: mine?.limit ?? '', 'aria-describedby': ids.limitHint });
  const warnings = h('input', { id: ids.warnings, name: 'warnings', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: mine?.warnings ?? '', 'aria-describedby': ids.warningsHint });
  const run = h('button', { type: 'submit', class: 'primary', id: 'what-if-run' }, t('whatIf.run'));
  const formResult = h('div', { class: 'form-result', id: 'what-if-form-result' });
  const progressLabel = h('p', { id: ids.progress, class: 'progress-label' }, t('whatIf.running'));
  const progress = h('progress', { id: 'what-if-progress', max: 1, 'aria-labelledby': ids.progress });
  const status = h('div', { id: 'what-if-status', class: 'what-if-status', hidden: true, dataset: { state: 'idle' } }, progressLabel, progress);
  const output = h('div', { id: 'what-if-result', 'aria-live': 'off', dataset: { state: 'idle' } });
  let controller;

  function showProgress({ sectionsDone, sectionsTotal, enrollmentsDone }) {
    progress.max = Math.max(1, sectionsTotal);
    progress.value = sectionsDone;
    progressLabel.textContent = t('whatIf.progress', { done: number(sectionsDone), total: number(sectionsTotal), enrollments: number(enrollmentsDone) });
  }

  function draw(answer, body) {
    output.dataset.state = 'done';
    replace(
      output,
      h('h3', {}, t('whatIf.resultTitle')),
      h(
        'p',
        { id: 'what-if-summary' },
        withNodes(t('whatIf.summary', { scope: scopeLabel(answer.scope), sections: number(answer.sections), enrollments: number(answer.enrollments), changes: number(answer.changes.length) }), {
          date: dateTime(answer.evaluatedAt, timeZone),
        }),
      ),
      h('p', { id: 'what-if-candidate' }, t('whatIf.candidate', { settings: settingsText(answer.candidate) })),
      answer.sections === 0 ? h('p', { class: 'message info' }, t('whatIf.noSections')) : null,
      h('h4', {}, t('whatIf.chartHeading')),
      countsChart(answer.counts),
      countsTable(answer.counts),
      h('h4', {}, t('whatIf.changes')),
      answer.changes.length ? [csvDownload(body), changesTable(answer.changes)] : h('p', { class: 'muted', id: 'what-if-no-changes' }, t('whatIf.noChanges')),
      h('p', { class: 'message info nothing-written' }, t('whatIf.nothingWritten')),
    );
  }

  async function submit(event) {
    event.preventDefault();
    formResult.replaceChildren();
    const chosen = scope.value();
    if (!chosen) return scope.focus();
    const policy = policyFromFields(limit, warnings, formResult);
    if (!policy) return;
    const body = { scope: chosen, policy };
    controller?.abort();
    const mineNow = new AbortController();
    controller = mineNow;
    kept = undefined;
    run.disabled = true;
    status.hidden = false;
    status.dataset.state = 'running';
    progress.removeAttribute('value');
    progressLabel.textContent = t('whatIf.running');
    output.dataset.state = 'running';
    output.replaceChildren();
    announce(t('whatIf.running'));
    try {
      const answer = await streamWhatIf(body, { signal: mineNow.signal, onProgress: (p) => controller === mineNow && showProgress(p) });
      if (controller !== mineNow) return;
      showProgress({ sectionsDone: answer.sections, sectionsTotal: answer.sections, enrollmentsDone: answer.enrollments });
      status.dataset.state = 'done';
      kept = { owner: ownerOf(session), scope: chosen, limit: limit.value, warnings: warnings.value, result: answer, body };
      draw(answer, body);
      announce(`${t('whatIf.done')} ${t('whatIf.changesCaption', { n: number(answer.changes.length) })}`);
    } catch (error) {
      if (mineNow.signal.aborted) return;
      status.dataset.state = 'error';
      status.hidden = true;
      output.dataset.state = 'error';
      output.replaceChildren(errorBox(error));
    } finally {
      if (controller === mineNow) run.disabled = false;
    }
  }

  const element = h(
    'section',
    { class: 'card what-if', id: 'what-if', 'aria-labelledby': ids.title },
    h('h2', { id: ids.title }, t('whatIf.title')),
    h('p', {}, t('whatIf.intro')),
    h('p', { class: 'message info nothing-written', id: 'what-if-nothing-written' }, t('whatIf.nothingWritten')),
    h(
      'form',
      { id: 'what-if-form', class: 'policy-form', onsubmit: submit },
      scope.element,
      h('div', { class: 'field' }, h('label', { for: ids.limit }, t('whatIf.limit')), h('p', { class: 'hint', id: ids.limitHint }, t('policies.limitHint')), limit),
      h('div', { class: 'field' }, h('label', { for: ids.warnings }, t('policies.warnings')), h('p', { class: 'hint', id: ids.warningsHint }, t('policies.warningsHint')), warnings),
      h('p', { class: 'actions' }, run),
      formResult,
    ),
    status,
    output,
  );

  if (mine?.result) {
    status.hidden = false;
    status.dataset.state = 'done';
    showProgress({ sectionsDone: mine.result.sections, sectionsTotal: mine.result.sections, enrollmentsDone: mine.result.enrollments });
    draw(mine.result, mine.body);
  }
  return { element, stop: () => controller?.abort() };
}
