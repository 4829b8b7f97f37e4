/**
 * A council's sitting: a decision set on the ticked rows at once (accept, reject with a reason,
 * forward), or chosen row by row, then every chosen decision recorded in one request (POST
 * /excuse-requests/decisions). Each is taken or refused on its own; the results name each request
 * and stay shown after the queue is read again.
 */
import { get, path } from '../api.js';
import { announce, apiText, h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { resultLine } from '../ui/errors.js';
import { decide, sitting } from './excuse-api.js';
import { number } from './policy-words.js';

const DECISIONS = ['accept', 'reject', 'forward'];
const STATE_AFTER = { accept: 'accepted', reject: 'rejected', forward: 'forwarded' };

/**
 * The sitting taken one decision at a time, in the same order, each with its own answer. The API's
 * POST /excuse-requests/decisions answers a refusal by the section's rules (a request already
 * decided, or not the council's turn) as a 409 for the whole sitting, after the decisions before it
 * were recorded, instead of a `refused` result for that request; so when a sitting is refused the
 * page takes its decisions again one by one. A decision that one of those earlier ones already took
 * answers 409 too: the request's last step, read again, says whether it was this council's.
 */
async function oneByOne(chosen, me) {
  const results = [];
  let position = '0';
  for (const { requestId, ...body } of chosen) {
    try {
      const answer = await decide(requestId, body);
      position = answer.position;
      results.push({ requestId, status: 'decided', state: answer.state });
    } catch (error) {
      if (!error.status || error.status >= 500) throw error;
      const now = error.status === 409 ? await get(path`/excuse-requests/${requestId}`).catch(() => null) : null;
      const last = now?.steps?.[now.steps.length - 1];
      if (last && last.by === me && last.step === STATE_AFTER[body.decision]) results.push({ requestId, status: 'decided', state: last.step });
      else results.push({ requestId, status: 'refused', statusCode: error.status, error: error.message });
    }
  }
  return { position, results };
}

/**
 * `rows()`: the queue's rows now, each `{ request, ticked(), controls }`; `onDone(position)` reads
 * the queue again; `session`, whose decisions they are. Answers the panel's element.
 */
export function sittingPanel({ rows, onDone, session }) {
  const decision = h('select', { id: 'sitting-decision', name: 'decision' }, DECISIONS.map((d) => h('option', { value: d }, t(`excuses.decision.${d}`))));
  const reason = h('input', { id: 'sitting-reason', name: 'reason', type: 'text', maxlength: 2000, autocomplete: 'off' });
  const message = h('div', { class: 'form-result', id: 'sitting-message' });
  const results = h('section', { id: 'sitting-results', class: 'sitting-results', 'aria-live': 'polite' });
  const record = h('button', { type: 'button', class: 'primary', id: 'sitting-record', onclick: () => recordSitting() }, t('excuses.sitting.record'));

  function apply() {
    message.replaceChildren();
    const ticked = rows().filter((r) => r.ticked());
    if (!ticked.length) return resultLine(message, 'error', t('excuses.sitting.tickSome'));
    const text = reason.value.trim();
    if (decision.value === 'reject' && !text) return resultLine(message, 'error', t('excuses.needRejectReason')), reason.focus();
    const set = ticked.filter((r) => r.controls.set(decision.value, text)).length;
    const skipped = ticked.length - set;
    const said = [t('excuses.sitting.set', { n: number(set), decision: t(`excuses.decision.${decision.value}`) }), skipped ? t('excuses.sitting.skipped', { n: number(skipped) }) : ''].filter(Boolean).join(' ');
    resultLine(message, skipped ? 'warning' : 'info', said);
    announce(said);
  }

  async function recordSitting() {
    message.replaceChildren();
    const all = rows();
    for (const row of all) row.controls.clearMessage();
    const chosen = [];
    for (const row of all) {
      const one = row.controls.read();
      if (one === undefined) return resultLine(message, 'error', t('excuses.sitting.fixReasons'));
      if (one) chosen.push(one);
    }
    if (!chosen.length) return resultLine(message, 'error', t('excuses.sitting.nothing'));
    record.disabled = true;
    resultLine(message, 'info', t('common.saving'));
    try {
      const answer = await sitting(chosen).catch((error) => {
        if (!error.status || error.status >= 500) throw error;
        return oneByOne(chosen, `${session.role}:${session.subject}`);
      });
      const requests = new Map(all.map((r) => [r.request.requestId, r.request]));
      showResults(answer.results, requests);
      message.replaceChildren();
      await onDone(answer.position);
    } catch (error) {
      resultLine(message, 'error', [t('excuses.sitting.failed'), ' ', error.status ? apiText(error.message) : error.message]);
    } finally {
      record.disabled = false;
    }
  }

  function showResults(list, requests) {
    const decided = list.filter((r) => r.status === 'decided').length;
    const summary = t('excuses.sitting.summary', { decided: number(decided), refused: number(list.length - decided) });
    replace(
      results,
      h('h3', { id: 'sitting-results-title' }, t('excuses.sitting.results')),
      h('p', { id: 'sitting-summary' }, summary),
      h(
        'ul',
        { class: 'sitting-list', 'aria-labelledby': 'sitting-results-title' },
        list.map((r) => {
          const request = requests.get(r.requestId);
          const name = t('excuses.sitting.of', { student: request?.studentId ?? r.requestId, section: request?.sectionId ?? '' });
          return h(
            'li',
            { class: ['sitting-result', `sitting-${r.status}`], dataset: { request: r.requestId, result: r.status, state: r.state ?? '', statusCode: r.statusCode ?? '' } },
            h('strong', {}, name),
            ' — ',
            r.status === 'decided' ? t('excuses.sitting.decided', { state: t(`excuses.state.${r.state}`) }) : [t('excuses.sitting.refused', { status: r.statusCode }), ' ', apiText(r.error)],
          );
        }),
      ),
    );
    announce(summary);
  }

  return h(
    'section',
    { class: 'card sitting', id: 'excuse-sitting', 'aria-labelledby': 'sitting-title' },
    h('h2', { id: 'sitting-title' }, t('excuses.sitting.title')),
    h('p', { class: 'hint' }, t('excuses.sitting.intro')),
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: decision.id }, t('excuses.sitting.decision')), decision),
      h('div', { class: 'field' }, h('label', { for: reason.id }, t('excuses.sitting.reason')), reason),
      h('p', { class: 'actions' }, h('button', { type: 'button', id: 'sitting-apply', onclick: apply }, t('excuses.sitting.apply'))),
    ),
    h('p', { class: 'actions' }, record),
    message,
    results,
  );
}
