/**
 * The registrar's (and administrator's) policies page: every version of every scope, grouped by
 * scope with the one in force marked; a form to add a version; and what-if, to try a candidate
 * absence limit before adopting it. GET /policies, GET /sections (to offer terms and sections),
 * PUT /policies/{scope}, POST /what-if.
 */
import { get } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { dateTime } from '../format.js';
import { t } from '../i18n.js';
import { errorBox } from '../ui/errors.js';
import { versionForm } from './policy-form.js';
import { number, scopeLabel, scopeOrder, settingsList, splitScope } from './policy-words.js';
import { whatIfPanel } from './what-if.js';

/**
 * A version's standing, from the API's answer alone (never the browser's clock): in force; replaced
 * (its scope's version in force started after it); or not yet in force (it starts later).
 */
function standingOf(version, inForceByScope) {
  if (version.inForce) return 'in-force';
  const current = inForceByScope.get(version.scope);
  if (current && (current.startsAt > version.startsAt || (current.startsAt === version.startsAt && current.version > version.version))) return 'superseded';
  return 'scheduled';
}

const COLUMNS = ['policies.col.version', 'policies.col.settings', 'policies.col.countsFrom', 'policies.col.retroactive', 'policies.col.by', 'policies.col.reason', 'policies.col.state'];

function versionsTable(versions, timeZone, fresh) {
  const caption = uid('pv-caption');
  const inForce = new Map(versions.filter((v) => v.inForce).map((v) => [v.scope, v]));
  const scopes = [...new Set(versions.map((v) => v.scope))].sort(scopeOrder);
  const newestFirst = (a, b) => (a.startsAt < b.startsAt ? 1 : a.startsAt > b.startsAt ? -1 : b.version - a.version);
  return h(
    'div',
    { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': caption },
    h(
      'table',
      { id: 'policy-versions', class: 'versions-table' },
      h('caption', { id: caption }, t('policies.caption', { versions: number(versions.length), scopes: number(scopes.length) })),
      h('thead', {}, h('tr', {}, COLUMNS.map((key) => h('th', { scope: 'col' }, t(key))))),
      scopes.map((scope) =>
        h(
          'tbody',
          { class: 'scope-group', dataset: { scope } },
          h('tr', { class: 'scope-head' }, h('th', { scope: 'rowgroup', colspan: COLUMNS.length }, scopeLabel(scope), ' ', h('code', { lang: 'en', dir: 'ltr' }, scope))),
          versions
            .filter((v) => v.scope === scope)
            .sort(newestFirst)
            .map((v) => {
              const standing = standingOf(v, inForce);
              const asked = Date.parse(v.effectiveFrom) !== Date.parse(v.startsAt);
              return h(
                'tr',
                { class: [standing === 'in-force' && 'in-force', fresh === v.version && 'updated'], dataset: { scope, version: v.version, inForce: String(v.inForce), standing, retroactive: String(v.retroactive) } },
                h('th', { scope: 'row', 'data-label': t('policies.col.version') }, number(v.version)),
                h('td', { 'data-label': t('policies.col.settings') }, settingsList(v.policy)),
                h(
                  'td',
                  { 'data-label': t('policies.col.countsFrom') },
                  dateTime(v.startsAt, timeZone),
                  h('p', { class: 'hint' }, t('policies.recordedAt'), ' ', dateTime(v.recordedAt, timeZone)),
                  asked ? h('p', { class: 'hint' }, t('policies.askedFrom'), ' ', dateTime(v.effectiveFrom, timeZone)) : null,
                ),
                h('td', { 'data-label': t('policies.col.retroactive') }, v.retroactive ? h('span', { class: 'chip retroactive' }, t('policies.retroactiveYes')) : t('policies.retroactiveNo')),
                h('td', { 'data-label': t('policies.col.by') }, t(`role.${v.by?.role}`), ' ', h('bdi', {}, v.by?.subject ?? '')),
                h('td', { 'data-label': t('policies.col.reason') }, h('span', { dir: 'auto', class: 'reason' }, v.reason)),
                h('td', { 'data-label': t('policies.col.state') }, h('span', { class: `chip standing-${standing}`, dataset: { standing } }, t(`policies.standing.${standing}`))),
              );
            }),
        ),
      ),
    ),
  );
}

export function policiesView({ main, session, timeZone }) {
  const title = t('policies.title');
  document.title = `${title} — ${t('app.title')}`;
  const content = h('div', { id: 'policies-content' }, h('p', {}, t('common.loading')));
  main.append(h('h1', { tabindex: '-1' }, title), h('p', { class: 'intro' }, t('policies.intro')), content);

  let disposed = false;
  let whatIf;
  const ids = { versions: uid('pv-versions') };
  const versionsBody = h('div', { id: 'policy-versions-body' });
  const versionsError = h('div', { id: 'policy-versions-error' });

  function drawVersions(versions, fresh) {
    versionsBody.dataset.count = String(versions.length);
    replace(versionsBody, versions.length ? versionsTable(versions, timeZone, fresh) : h('p', { class: 'muted', id: 'policy-versions-none' }, t('policies.none')));
  }

  /** After a version is recorded: the list read again once it includes that write (read-your-writes). */
  async function refresh(saved) {
    try {
      const { versions } = await get('/policies', { after: saved.position });
      if (disposed) return;
      versionsError.replaceChildren();
      drawVersions(versions, saved.version);
    } catch (error) {
      if (!disposed) versionsError.replaceChildren(errorBox(error));
    }
  }

  async function load() {
    let versions;
    let sections;
    try {
      [{ versions }, { sections }] = await Promise.all([get('/policies'), get('/sections')]);
    } catch (error) {
      if (!disposed) content.replaceChildren(errorBox(error, { retry: load }));
      return;
    }
    if (disposed) return;
    const colleges = [...new Set(versions.map((v) => splitScope(v.scope)).filter((s) => s.kind === 'college').map((s) => s.id))].sort();
    drawVersions(versions);
    whatIf = whatIfPanel({ session, sections, colleges, timeZone });
    content.replaceChildren(
      h(
        'div',
        { class: 'policies-layout' },
        h('section', { class: 'card versions-card', id: 'policy-versions-card', 'aria-labelledby': ids.versions }, h('h2', { id: ids.versions }, t('policies.versions')), versionsError, versionsBody),
        h('div', { class: 'version-form-column' }, versionForm({ sections, colleges, timeZone, onSaved: refresh })),
        h('div', { class: 'what-if-column' }, whatIf.element),
      ),
    );
  }

  load();
  return () => {
    disposed = true;
    whatIf?.stop();
  };
}
