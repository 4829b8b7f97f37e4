/**
 * The registrar's page of one section: eligibility with filters, as of a chosen moment, as CSV;
 * finalize and reopen; waivers. Now (no as-of) it follows the section's live feed, and its live
 * indicator says so only while that feed is open and has answered; as of a past moment it says
 * paused. After a lost connection the list is read again, for the changes missed meanwhile.
 */
import { get, path } from '../api.js';
import { announce, h, uid, replace } from '../dom.js';
import { componentLabel, dateTime, dateTimeText, percent } from '../format.js';
import { t } from '../i18n.js';
import { rememberSection } from '../prefs.js';
import { openStream } from '../sse.js';
import { severity, STATUSES } from '../status.js';
import { localInputToIso } from '../time.js';
import { statusChip } from '../ui/chips.js';
import { dateTimeField } from '../ui/datetime-field.js';
import { errorBox } from '../ui/errors.js';
import { liveStateElement, showLiveState } from '../ui/live-state.js';
import { csvButton } from './csv-download.js';
import { finalizePanel } from './finalize-panel.js';
import { waiverForm } from './waiver-form.js';

const HIGHLIGHT_MS = 8000;

/** The largest absence among the reasons: the most at risk first. */
const worst = (row) => Math.max(0, ...(row.reasons ?? []).map((r) => r.absencePercent));

function reasonsText(reasons) {
  if (!reasons?.length) return t('registrar.noReason');
  return reasons.map((r) => t('registrar.reason', { component: componentLabel(r.component), absence: percent(r.absencePercent), limit: percent(r.limitPercent) })).join('; ');
}

export function eligibilityView({ main, params, session, timeZone }) {
  const { sectionId } = params;
  const title = t('registrar.title', { section: sectionId });
  document.title = `${title} — ${t('app.title')}`;
  const content = h('div', { id: 'eligibility-content' }, h('p', {}, t('common.loading')));
  main.append(h('h1', { tabindex: '-1' }, title), content);

  const ids = { asOf: uid('asof'), text: uid('el-text'), eligible: uid('el-eligible'), status: uid('el-status'), caption: uid('el-caption'), table: uid('el-title'), live: uid('el-live') };
  const filter = { text: '', eligible: 'all', status: 'all' };
  let data;
  let asOf;
  let disposed = false;
  let stop = () => {};
  let refreshTimer;
  const updated = new Map();
  const state = h('p', { class: 'meta', id: 'eligibility-state' });
  const liveState = liveStateElement();
  /** The feed's own state: 'connecting', 'live' (open and answered), 'reconnecting' or 'error'. */
  let feed = 'connecting';
  let feedError;
  let liveCard;
  /** What the indicator shows: the feed's state, or paused while the list is as of a past moment. */
  const drawLive = () => showLiveState(liveState, liveCard, feed === 'live' && asOf ? 'paused' : feed, feedError);
  const tableWrap = h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': ids.caption });
  let finalize;
  let waiver;

  const asOfField = dateTimeField({ id: ids.asOf, label: t('registrar.asOf', { tz: timeZone }), timeZone, emptyHint: t('registrar.asOfEmpty') });
  const asOfInput = asOfField.input;
  const asOfForm = h(
    'form',
    {
      class: 'inline-form',
      id: 'as-of-form',
      onsubmit: (event) => {
        event.preventDefault();
        const iso = localInputToIso(asOfInput.value, timeZone);
        if (!iso) return asOfInput.focus();
        asOf = iso;
        drawLive();
        load();
      },
    },
    asOfField.element,
    h('button', { type: 'submit' }, t('registrar.apply')),
    h('button', { type: 'button', id: 'as-of-now', onclick: () => ((asOf = undefined), (asOfInput.value = ''), asOfField.refresh(), drawLive(), load()) }, t('registrar.now')),
  );

  const filters = h(
    'div',
    { class: 'controls' },
    h('div', { class: 'field' }, h('label', { for: ids.text }, t('roster.filter')), h('input', { id: ids.text, type: 'search', autocomplete: 'off', oninput: (e) => ((filter.text = e.target.value.trim()), drawTable()) })),
    h(
      'div',
      { class: 'field' },
      h('label', { for: ids.eligible }, t('registrar.filterEligible')),
      h(
        'select',
        { id: ids.eligible, onchange: (e) => ((filter.eligible = e.target.value), drawTable()) },
        h('option', { value: 'all' }, t('registrar.filterAll')),
        h('option', { value: 'yes' }, t('registrar.eligible')),
        h('option', { value: 'no' }, t('registrar.notEligible')),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: ids.status }, t('roster.statusFilter')),
      h(
        'select',
        { id: ids.status, onchange: (e) => ((filter.status = e.target.value), drawTable()) },
        h('option', { value: 'all' }, t('roster.statusAll')),
        STATUSES.map((s) => h('option', { value: s }, t(`status.${s}`))),
      ),
    ),
  );

  function matches(row) {
    if (filter.text && !row.studentId.toLowerCase().includes(filter.text.toLowerCase())) return false;
    if (filter.eligible !== 'all' && row.eligible !== (filter.eligible === 'yes')) return false;
    return filter.status === 'all' || row.status === filter.status;
  }

  function drawTable() {
    const rows = data.students.filter(matches).sort((a, b) => Number(a.eligible) - Number(b.eligible) || severity(b.status) - severity(a.status) || worst(b) - worst(a) || a.studentId.localeCompare(b.studentId));
    replace(tableWrap,
      h(
        'table',
        { class: 'eligibility-table', id: 'eligibility-table' },
        h('caption', { id: ids.caption }, t('registrar.caption', { section: sectionId, shown: rows.length, total: data.students.length })),
        h(
          'thead',
          {},
          h('tr', {}, [t('roster.student'), t('registrar.filterEligible'), t('roster.status'), t('registrar.reasons')].map((label) => h('th', { scope: 'col' }, label))),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              { class: [updated.has(row.studentId) && 'updated', !row.eligible && 'at-risk'], dataset: { student: row.studentId, eligible: String(row.eligible), status: row.status } },
              h('th', { scope: 'row', 'data-label': t('roster.student') }, row.studentId),
              h('td', { 'data-label': t('registrar.filterEligible') }, h('span', { class: row.eligible ? 'eligible-yes' : 'eligible-no' }, row.eligible ? `✓ ${t('registrar.eligible')}` : `✗ ${t('registrar.notEligible')}`)),
              h('td', { 'data-label': t('roster.status') }, statusChip(row.status), updated.has(row.studentId) ? [' ', h('span', { class: 'badge-updated' }, t('roster.updated'))] : null),
              h('td', { 'data-label': t('registrar.reasons') }, reasonsText(row.reasons)),
            ),
          ),
        ),
      ),
      rows.length ? null : h('p', { class: 'muted' }, t('roster.empty')),
    );
  }

  function drawState() {
    replace(state,
      h('span', { class: `chip ${data.finalized ? 'finalized' : 'open'}`, id: 'finalized-state', dataset: { finalized: String(data.finalized) } }, data.finalized ? t('registrar.state.finalized') : t('registrar.state.open')),
      ' ',
      asOf ? [t('registrar.showingAsOf', { date: '' }).replace(/\s*\.$/, '').trim(), ' ', dateTime(data.asOf, timeZone)] : t('registrar.showingNow'),
    );
  }

  function accept(answer, { changed } = {}) {
    const before = data && new Map(data.students.map((s) => [s.studentId, s]));
    data = answer;
    for (const row of answer.students) {
      const old = before?.get(row.studentId);
      if (changed?.has(row.studentId) || (old && (old.status !== row.status || old.eligible !== row.eligible))) {
        clearTimeout(updated.get(row.studentId));
        updated.set(row.studentId, setTimeout(() => (updated.delete(row.studentId), disposed || drawTable()), HIGHLIGHT_MS));
        if (old && old.status !== row.status) announce(`${row.studentId}: ${t(`status.${row.status}`)}`);
      }
    }
    drawState();
    drawTable();
    if (!asOf) finalize?.update(answer.finalized);
    waiver?.update(answer.students);
  }

  async function fetchEligibility(after) {
    return get(path`/sections/${sectionId}/eligibility`, { query: { asOf }, after });
  }

  async function load() {
    let answer;
    try {
      answer = await fetchEligibility();
    } catch (error) {
      if (disposed) return;
      if (data) content.querySelector('#eligibility-error')?.replaceChildren(errorBox(error));
      else content.replaceChildren(errorBox(error, { retry: load }));
      return;
    }
    if (disposed) return;
    content.querySelector('#eligibility-error')?.replaceChildren();
    const first = !data;
    accept(answer);
    if (first) build();
    announce(asOf ? t('registrar.showingAsOf', { date: dateTimeText(answer.asOf, timeZone) }) : t('registrar.showingNow'));
  }

  /** Students named by live changes since the last refresh: their rows are highlighted. */
  const changedSince = new Set();

  function refresh(after) {
    if (asOf) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      try {
        const answer = await fetchEligibility(after);
        if (disposed || asOf) return;
        accept(answer, { changed: new Set(changedSince) });
        changedSince.clear();
      } catch {
        /* the next change tries again */
      }
    }, 150);
  }

  function build() {
    rememberSection(session, 'registrar', sectionId);
    liveCard = h('section', { class: 'card live', 'aria-labelledby': ids.live, id: 'eligibility-live' }, h('h2', { id: ids.live }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t('live.title')), liveState);
    drawLive();
    finalize = finalizePanel({ sectionId, finalized: data.finalized, onDone: (position) => refresh(position) });
    waiver = waiverForm({ sectionId, students: data.students, onSaved: (position) => refresh(position) });
    const tableTitle = ids.table;
    content.replaceChildren(
      state,
      h(
        'div',
        { class: 'section-layout' },
        h(
          'div',
          { class: 'main-column' },
          h(
            'section',
            { class: 'card', 'aria-labelledby': tableTitle, id: 'eligibility' },
            h('h2', { id: tableTitle }, t('nav.eligibility')),
            asOfForm,
            filters,
            csvButton({ sectionId, asOf: () => asOf }),
            h('div', { id: 'eligibility-error' }),
            tableWrap,
          ),
        ),
        h(
          'div',
          { class: 'side-column' },
          liveCard,
          finalize.element,
          waiver.element,
        ),
      ),
    );
    /** Whether the feed has been live before: a snapshot after that is a reconnection, and the list may have missed changes. */
    let wasLive = false;
    stop = openStream(path`/sections/${sectionId}/live`, {
      onState: (name, error) => {
        if (disposed) return;
        // 'open' is the answer's headers only: live once the snapshot (or any event) has come.
        feed = name === 'open' ? 'connecting' : name;
        feedError = error;
        drawLive();
      },
      onEvent: ({ event, data: payload }) => {
        if (disposed) return;
        if (feed !== 'live') {
          feed = 'live';
          feedError = undefined;
          drawLive();
        }
        if (event === 'snapshot') {
          if (wasLive) refresh();
          wasLive = true;
          return;
        }
        if (event !== 'change') return;
        if (payload.studentId) changedSince.add(payload.studentId);
        refresh(payload.position);
      },
    });
  }

  load();
  return () => {
    disposed = true;
    stop();
    clearTimeout(refreshTimer);
    for (const timer of updated.values()) clearTimeout(timer);
  };
}
