/** A ring gauge of attendance to date for one component. */
import { h, svg } from '../dom.js';
import { componentLabel, percent } from '../format.js';
import { t } from '../i18n.js';

const R = 34;
const C = 2 * Math.PI * R;

export function gauge(component, figures) {
  const value = figures.attendancePercentToDate;
  const share = value === null || value === undefined ? 0 : Math.max(0, Math.min(100, value)) / 100;
  const label = value === null || value === undefined ? t('student.gaugeNone', { component: componentLabel(component) }) : t('student.gauge', { component: componentLabel(component), percent: percent(value) });
  const tone = figures.allowance <= 0 && figures.absent > 0 ? 'risk' : figures.absencePercent >= 10 ? 'warn' : 'ok';
  return h(
    'div',
    { class: `gauge gauge-${tone}`, role: 'img', 'aria-label': label },
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
    h('span', { class: 'gauge-text', 'aria-hidden': 'true' }, value === null || value === undefined ? '—' : percent(value)),
  );
}
