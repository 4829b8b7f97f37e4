/**
 * A council's sitting: a decision set on the ticked rows at once (accept, reject with a reason,
 * forward), or chosen row by row, then every chosen decision recorded in one request (POST
 * /excuse-requests/decisions). Each is taken or refused on its own; the results name each request
 * and stay shown after the queue is read again.
 */
import { announce, apiText, h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { resultLine } from '../ui/errors.js';
import { sitting } from './excuse-api.js';
import { number } from './policy-words.js';

const DECISIONS = ['accept', 'reject', 'forward'];

/**
 * `rows()`: the queue's rows now, each `{ request, ticked(), controls }`; `onDone(position)` reads
 * the queue again. Answers the panel's element.
 */
export function sittingPanel({ rows, onDone }) {
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
      const answer = await sitting(chosen);
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
