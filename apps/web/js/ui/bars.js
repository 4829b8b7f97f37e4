/** A component's figures as a stacked bar (attended / excused / absent / pending of planned) with its words. */
import { h } from '../dom.js';
import { amount, componentLabel, percent } from '../format.js';
import { t } from '../i18n.js';

const SEGMENTS = ['attended', 'excused', 'absent', 'pending'];

/** `numbers: false` leaves out the figures under the bar, for a view that labels them itself. */
export function componentBar(component, figures, { compact = false, numbers = true } = {}) {
  const planned = figures.planned || 0;
  const label = t('fig.bar', {
    component: componentLabel(component),
    attended: amount(component, figures.attended),
    absent: amount(component, figures.absent),
    excused: amount(component, figures.excused),
    pending: amount(component, figures.pending),
    planned: amount(component, planned),
  });
  const bar = h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': label, title: label },
    SEGMENTS.map((segment) =>
      planned > 0 && figures[segment] > 0 ? h('span', { class: `bar-${segment}`, style: { width: `${(100 * figures[segment]) / planned}%` } }) : null,
    ),
  );
  return h(
    'div',
    { class: ['component', compact && 'compact'], dataset: { component } },
    compact ? null : h('p', { class: 'component-name' }, componentLabel(component)),
    bar,
    numbers && h(
      'p',
      { class: 'figures' },
      h('span', { class: 'absence', dataset: { absence: figures.absencePercent } }, t('fig.absence', { percent: percent(figures.absencePercent) })),
      compact ? h('br') : ' · ',
      h(
        'span',
        { class: 'allowance', dataset: { allowance: figures.allowance } },
        compact ? t('fig.leftShort', { amount: amount(component, figures.allowance, { short: true }) }) : t('fig.allowance', { amount: amount(component, figures.allowance) }),
      ),
    ),
  );
}

/** The colour key of the bars, once per view. */
export const barLegend = () =>
  h(
    'ul',
    { class: 'legend' },
    SEGMENTS.map((segment) => h('li', {}, h('span', { class: `swatch bar-${segment}`, 'aria-hidden': 'true' }), t(`fig.legend.${segment}`))),
  );
