/** The sections the user may open (an instructor's own), by id, and the ones opened recently (faculty: attendance; registrar: eligibility). */
import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { recentSections } from '../prefs.js';
import { link, navigate } from '../router.js';

export const pickerView =
  (kind) =>
  ({ main, session }) => {
    const base = kind === 'faculty' ? 'sections' : 'eligibility';
    const input = h('input', { id: 'section-id', name: 'sectionId', type: 'text', required: true, spellcheck: 'false', autocomplete: 'off' });
    const recent = recentSections(session, kind);
    const list = h('div', { id: 'section-list', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('picker.loading')));
    get('/sections').then(
      ({ sections }) =>
        replace(
          list,
          sections.length
            ? h(
                'ul',
                { class: 'section-links' },
                sections.map((s) => h('li', {}, h('a', { href: link(base, s.sectionId) }, s.sectionId), ` · ${s.courseCode}${s.title ? ` · ${s.title}` : ''} · ${t(`level.${s.level}`)}`)),
              )
            : h('p', { class: 'muted' }, t('picker.none')),
        ),
      (error) => replace(list, h('p', { class: 'error', role: 'alert' }, error.message)),
    );
    main.append(
      h('h1', { tabindex: '-1' }, t(`picker.${kind}.title`)),
      h('h2', {}, t(`picker.${kind}.list`)),
      list,
      h('p', {}, t(`picker.${kind}.intro`)),
      h(
        'form',
        {
          class: 'card narrow inline-form',
          id: 'open-section',
          onsubmit: (event) => {
            event.preventDefault();
            const id = input.value.trim();
            if (id) navigate(link(base, id));
            else input.focus();
          },
        },
        h('div', { class: 'field' }, h('label', { for: 'section-id' }, t('picker.sectionId')), input),
        h('button', { type: 'submit', class: 'primary' }, t('picker.open')),
      ),
      h('h2', {}, t('picker.recent')),
      recent.length
        ? h('ul', { class: 'recent' }, recent.map((id) => h('li', {}, h('a', { href: link(base, id) }, id))))
        : h('p', { class: 'muted' }, t('picker.noRecent')),
    );
  };
