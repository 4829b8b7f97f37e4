/** Every item of a student's record with its outcome and the evidence behind it, in time order. */
import { h } from '../dom.js';
import { amount, dateTime, kindLabel } from '../format.js';
import { t } from '../i18n.js';
import { outcomeChip } from './chips.js';
import { words } from './words.js';

/** The moment an item is placed at on the timeline: its earliest dated evidence. */
const momentOf = (item) => {
  const times = (item.evidence ?? []).map((e) => (e.at ? Date.parse(e.at) : NaN)).filter((n) => !Number.isNaN(n));
  return times.length ? Math.min(...times) : Infinity;
};

const byId = (a, b) => a.itemId.localeCompare(b.itemId, undefined, { numeric: true });
export const byMoment = (a, b) => momentOf(a) - momentOf(b) || byId(a, b);

function evidenceEntry(evidence, timeZone, kind) {
  return h(
    'li',
    { class: `evidence evidence-${evidence.kind}` },
    h('span', { class: 'evidence-kind' }, t(`evidence.${evidence.kind}`)),
    evidence.at ? [' ', dateTime(evidence.at, timeZone)] : null,
    h('p', { class: 'evidence-note' }, words(`evidence.code.${evidence.code}`, evidence.values, timeZone, { kind })),
    evidence.factIds?.length ? h('p', { class: 'evidence-facts' }, t('drawer.facts', { ids: '' }), evidence.factIds.map((id, i) => [i ? ', ' : '', h('code', {}, id)])) : null,
  );
}

function itemEntry(item, timeZone, headingLevel) {
  return h(
    'li',
    { class: 'timeline-item', dataset: { item: item.itemId, outcome: item.outcome, kind: item.kind } },
    h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
    h(`h${headingLevel}`, { class: 'item-title' }, h('span', {}, item.title || item.itemId), ' ', outcomeChip(item.outcome, item.kind)),
    h(
      'p',
      { class: 'item-meta' },
      kindLabel(item.kind),
      item.title ? ` · ${item.itemId}` : '',
      ' · ',
      item.counted ? t('drawer.counted') : t('drawer.notCounted'),
      ' · ',
      t('drawer.weight', { amount: amount(item.kind, item.weight) }),
    ),
    item.evidence?.length
      ? h('ol', { class: 'evidence-list' }, item.evidence.map((e) => evidenceEntry(e, timeZone, item.kind)))
      : h('p', { class: 'muted' }, t('drawer.noEvidence')),
  );
}

/**
 * The items in time order of their dated evidence. Items whose evidence carries no date (an
 * attended virtual class or recorded lecture: the API gives no schedule with the record) follow
 * in their own list, by id, rather than being placed at a guessed time.
 */
export function itemsTimeline(items, timeZone, { headingLevel = 3 } = {}) {
  const dated = items.filter((i) => momentOf(i) !== Infinity).sort(byMoment);
  const undated = items.filter((i) => momentOf(i) === Infinity).sort(byId);
  return h(
    'div',
    { class: 'items' },
    dated.length ? h('ol', { class: 'timeline' }, dated.map((item) => itemEntry(item, timeZone, headingLevel))) : null,
    undated.length
      ? [
          h(`h${headingLevel}`, { class: 'undated-title' }, t('drawer.undated')),
          h('ol', { class: 'timeline undated' }, undated.map((item) => itemEntry(item, timeZone, headingLevel + 1 > 6 ? 6 : headingLevel + 1))),
        ]
      : null,
  );
}
