/** The section's findings (R8, R11–R13, attendance not taken), in the viewer's language where known. */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { words } from '../ui/words.js';

export function findingsList(findings, { onRollCall } = {}) {
  if (!findings?.length) return h('p', { class: 'muted', id: 'no-findings' }, t('finding.none'));
  return h(
    'ul',
    { class: 'findings' },
    findings.map((finding) =>
      h(
        'li',
        { class: 'finding', dataset: { rule: finding.rule, item: finding.itemId ?? '' } },
        h('span', { class: 'rule' }, finding.rule === 'attendance-not-taken' ? '!' : finding.rule),
        ' ',
        words(`finding.${finding.code}`, finding.values),
        finding.rule === 'attendance-not-taken' && onRollCall
          ? [' ', h('button', { type: 'button', class: 'link-button', onclick: () => onRollCall(finding.itemId) }, t('finding.takeRollCall', { item: finding.itemId }))]
          : null,
      ),
    ),
  );
}
