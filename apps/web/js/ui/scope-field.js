/**
 * Choosing a policy scope: what kind (the institution, a term, a college, a level, a section), then
 * which one. Terms and colleges are typed, with the known ones offered (a term may have no section
 * yet; the API lists no colleges); levels and sections are chosen from the lists. Every control has
 * its label, and only the one that fits the kind is shown.
 */
import { h } from '../dom.js';
import { levelLabel } from '../format.js';
import { t } from '../i18n.js';
import { LEVELS } from '../views/policy-words.js';

/**
 * `prefix`: the ids' start ('what-if' → #what-if-scope-kind, #what-if-scope-term, …).
 * `kinds`: the kinds offered, in order. `sections`: GET /sections' list. `colleges`: ids seen before.
 */
export function scopeField({ prefix, kinds, sections = [], colleges = [], initial }) {
  const terms = [...new Set(sections.map((s) => s.termId).filter(Boolean))].sort();
  const id = (name) => `${prefix}-scope-${name}`;
  const kind = h(
    'select',
    { id: id('kind'), name: 'scopeKind', onchange: () => show() },
    kinds.map((k) => h('option', { value: k }, t(`scopeKind.${k}`))),
  );
  const termList = h('datalist', { id: id('terms') }, terms.map((term) => h('option', { value: term })));
  const collegeList = h('datalist', { id: id('colleges') }, colleges.map((c) => h('option', { value: c })));
  const controls = {
    term: h('input', { id: id('term'), name: 'term', type: 'text', list: id('terms'), required: true, autocomplete: 'off', spellcheck: 'false', dir: 'ltr', value: terms.length === 1 ? terms[0] : '' }),
    college: h('input', { id: id('college'), name: 'college', type: 'text', list: id('colleges'), required: true, autocomplete: 'off', spellcheck: 'false', dir: 'ltr' }),
    level: h('select', { id: id('level'), name: 'level' }, LEVELS.map((l) => h('option', { value: l }, levelLabel(l)))),
    section: h(
      'select',
      { id: id('section'), name: 'section', required: true },
      sections.length ? sections.map((s) => h('option', { value: s.sectionId }, `${s.sectionId} · ${s.courseCode}${s.termId ? ` · ${s.termId}` : ''}`)) : h('option', { value: '' }, t('picker.none')),
    ),
  };
  const fields = Object.fromEntries(
    Object.entries(controls)
      .filter(([k]) => kinds.includes(k))
      .map(([k, control]) => [k, h('div', { class: 'field scope-id', dataset: { kind: k }, hidden: true }, h('label', { for: control.id }, t(`policies.scope.${k}`)), control)]),
  );

  /** Only the field of the chosen kind is shown, and only it is required. */
  function show() {
    for (const [k, field] of Object.entries(fields)) {
      field.hidden = k !== kind.value;
      controls[k].disabled = k !== kind.value;
    }
  }

  const element = h(
    'div',
    { class: 'scope-field' },
    h('div', { class: 'field' }, h('label', { for: kind.id }, t('policies.scope')), kind),
    Object.values(fields),
    termList,
    collegeList,
  );

  /** The scope as the API writes it, or undefined while the chosen kind's id is empty. */
  function value() {
    const k = kind.value;
    if (k === 'institution') return 'institution';
    const chosen = controls[k].value.trim();
    return chosen ? `${k}:${chosen}` : undefined;
  }

  /** Puts a scope back into the controls (after the language changed, say). */
  function set(scope) {
    if (!scope) return;
    const at = scope.indexOf(':');
    const k = at < 0 ? scope : scope.slice(0, at);
    if (!kinds.includes(k)) return;
    kind.value = k;
    if (at >= 0) controls[k].value = scope.slice(at + 1);
    show();
  }

  show();
  if (initial) set(initial);
  return { element, value, set, focus: () => (kind.value === 'institution' ? kind : controls[kind.value]).focus() };
}
