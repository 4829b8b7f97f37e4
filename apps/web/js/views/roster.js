/** The section's students: filter, sort (at risk first by default), per-component bars, status chips. */
import { h, uid, replace } from '../dom.js';
import { componentLabel } from '../format.js';
import { t } from '../i18n.js';
import { atRisk, componentsOf, SORTS, STATUSES } from '../status.js';
import { componentBar, barLegend } from '../ui/bars.js';
import { statusChip } from '../ui/chips.js';

function sorter(key) {
  if (key.startsWith('absence:')) {
    const component = key.slice('absence:'.length);
    const absence = (row) => row.components[component]?.absencePercent ?? 0;
    return (a, b) => absence(b) - absence(a) || SORTS.risk(a, b);
  }
  return SORTS[key] ?? SORTS.risk;
}

function matches(row, filter) {
  if (filter.text && !row.studentId.toLowerCase().includes(filter.text.toLowerCase())) return false;
  if (filter.status === 'at-risk') return atRisk(row.status);
  return filter.status === 'all' || row.status === filter.status;
}

/**
 * Answers { element, update(rows, updated) }. `updated` is the set of student ids to highlight;
 * onDetails(studentId) opens the drawer.
 */
export function createRoster({ sectionId, onDetails }) {
  const filter = { text: '', status: 'all', sort: 'risk' };
  let rows = [];
  let updated = new Set();
  const ids = { text: uid('roster-text'), status: uid('roster-status'), sort: uid('roster-sort'), caption: uid('roster-caption') };

  const text = h('input', { id: ids.text, type: 'search', autocomplete: 'off', oninput: (e) => ((filter.text = e.target.value.trim()), draw()) });
  const status = h(
    'select',
    { id: ids.status, onchange: (e) => ((filter.status = e.target.value), draw()) },
    h('option', { value: 'all' }, t('roster.statusAll')),
    h('option', { value: 'at-risk' }, t('roster.statusAtRisk')),
    STATUSES.map((s) => h('option', { value: s }, t(`status.${s}`))),
  );
  const sort = h('select', { id: ids.sort, onchange: (e) => ((filter.sort = e.target.value), draw()) });
  const tableWrap = h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': ids.caption });

  const element = h(
    'div',
    { class: 'roster' },
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: ids.text }, t('roster.filter')), text),
      h('div', { class: 'field' }, h('label', { for: ids.status }, t('roster.statusFilter')), status),
      h('div', { class: 'field' }, h('label', { for: ids.sort }, t('roster.sort')), sort),
    ),
    h('p', { class: 'hint' }, t('roster.hint')),
    barLegend(),
    tableWrap,
  );

  function sortOptions(components) {
    const options = [
      ['risk', t('roster.sortRisk')],
      ['id', t('roster.sortId')],
      ['absence', t('roster.sortAbsence')],
      ...components.map((c) => [`absence:${c}`, `${t('roster.sortAbsence')}: ${componentLabel(c)}`]),
    ];
    sort.replaceChildren(...options.map(([value, label]) => h('option', { value, selected: value === filter.sort }, label)));
  }

  /** A column heading that sorts by its column when pressed. */
  function sortHeader(label, key, attrs = {}) {
    const active = filter.sort === key;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (key === 'id' ? 'ascending' : 'descending') : undefined, ...attrs },
      h('button', { type: 'button', class: 'sort-button', dataset: { focusKey: `sort:${key}` }, onclick: () => ((filter.sort = key), draw()) }, label),
    );
  }

  function rowElement(row, components) {
    const isUpdated = updated.has(row.studentId);
    return h(
      'tr',
      { class: [isUpdated && 'updated', atRisk(row.status) && 'at-risk'], dataset: { student: row.studentId, status: row.status } },
      h(
        'th',
        { scope: 'row', 'data-label': t('roster.student') },
        // The id opens the drawer; its name keeps the visible id (WCAG 2.5.3).
        h(
          'button',
          { type: 'button', class: 'link-button details', dataset: { focusKey: `details:${row.studentId}` }, 'aria-label': t('roster.detailsOf', { student: row.studentId }), onclick: () => onDetails(row.studentId) },
          row.studentId,
        ),
      ),
      h(
        'td',
        { 'data-label': t('roster.status'), class: 'status-cell' },
        statusChip(row.status),
        isUpdated ? [' ', h('span', { class: 'badge-updated' }, t('roster.updated'))] : null,
      ),
      components.map((c) => h('td', { 'data-label': componentLabel(c) }, row.components[c] ? componentBar(c, row.components[c], { compact: true }) : '—')),
    );
  }

  function draw() {
    const focusKey = document.activeElement?.dataset?.focusKey;
    const components = rows.length ? componentsOf(rows[0]) : [];
    sortOptions(components);
    const shown = rows.filter((row) => matches(row, filter)).sort(sorter(filter.sort));
    const caption = t('roster.caption', { section: sectionId, shown: shown.length, total: rows.length });
    replace(tableWrap,
      h(
        'table',
        { class: 'roster-table', id: 'roster-table' },
        h('caption', { id: ids.caption }, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            sortHeader(t('roster.student'), 'id'),
            sortHeader(t('roster.status'), 'risk'),
            components.map((c) => sortHeader(componentLabel(c), `absence:${c}`)),
          ),
        ),
        h('tbody', {}, shown.map((row) => rowElement(row, components))),
      ),
      shown.length ? null : h('p', { class: 'muted' }, t('roster.empty')),
    );
    if (focusKey) element.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  return {
    element,
    update(nextRows, nextUpdated) {
      rows = nextRows;
      updated = nextUpdated;
      draw();
    },
  };
}
