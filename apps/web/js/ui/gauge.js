/**
 * A ring gauge of attendance to date for one component, with its label under it: the number in
 * the ring is the figure the label names (attended ÷ decided so far), never another percentage.
 */
import { h, svg } from '../dom.js';
import { componentLabel, percent } from '../format.js';
import { t } from '../i18n.js';

const R = 34;
const C = 2 * Math.PI * R;

export function gauge(component, figures) {
  const value = figures.attendancePercentToDate;
  const known = value !== null && value !== undefined;
  const share = known ? Math.max(0, Math.min(100, value)) / 100 : 0;
  const label = known ? t('student.gauge', { component: componentLabel(component), percent: percent(value) }) : t('student.gaugeNone', { component: componentLabel(component) });
  const tone = figures.allowance <= 0 && figures.absent > 0 ? 'risk' : figures.absencePercent >= 10 ? 'warn' : 'ok';
  return h(
    'figure',
    { class: `gauge gauge-${tone}`, dataset: { figure: 'attendance', value: known ? value : '' } },
    h(
      'div',
      { class: 'gauge-ring', role: 'img', 'aria-label': label },
      svg(
        'svg',
        { viewBox: '0 0 80 80', width: 80, height: 80, 'aria-hidden': 'true', focusable: 'false' },
        svg('circle', { cx: 40, cy: 40, r: R, class: 'gauge-track', fill: 'none', 'stroke-width': 8 }),
        svg('circle', {
          cx: 40,
          cy: 40,
          r: R,
          class: 'gauge-value',
          fill: 'none',
          'stroke-width': 8,
          'stroke-dasharray': `${C * share} ${C}`,
          transform: 'rotate(-90 40 40)',
        }),
      ),
      h('span', { class: 'gauge-text', 'aria-hidden': 'true' }, known ? percent(value) : '—'),
    ),
    h('figcaption', { class: 'gauge-caption', 'aria-hidden': 'true' }, known ? t('fig.attendanceToDate') : t('fig.toDateNone')),
  );
}
