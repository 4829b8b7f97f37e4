/**
 * A grouped bar chart in inline SVG (no library, nothing fetched): one group per category, one bar
 * per series in each, the count written over every bar, a counted axis with its title and the
 * categories named under their groups. In a right-to-left page the chart mirrors: the first group
 * and the axis are on the right. It is one image for assistive technology (role="img" with its
 * <title> and <desc>); the page gives the same figures in a table beside it.
 *
 * Each bar (rect.chart-bar) carries data-group, data-series and data-value, so what it shows can be checked.
 */
import { svg, uid } from '../dom.js';

const W = 640;
const H = 300;
const TOP = 28;
const BOTTOM = 58;
const AXIS_SIDE = 56;
const OTHER_SIDE = 12;
const BAR = 34;
const GAP = 6;

/** A step between ticks that gives at most about five of them, in whole numbers. */
function tickStep(max) {
  if (max <= 5) return 1;
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
}

/**
 * groups: [{ key, label }]; series: [{ key, label, fill?, pattern? }] ('hatch' draws hatched bars);
 * value(groupKey, seriesKey) → a count; format(n) → the count in the viewer's locale.
 */
export function groupedBarChart({ id, groups, series, value, format, title, desc, xTitle, yTitle, rtl = false }) {
  const ids = { title: uid('chart-title'), desc: uid('chart-desc'), hatch: uid('chart-hatch') };
  const plotLeft = rtl ? OTHER_SIDE : AXIS_SIDE;
  const plotWidth = W - AXIS_SIDE - OTHER_SIDE;
  const plotHeight = H - TOP - BOTTOM;
  const baseline = TOP + plotHeight;
  const axisX = rtl ? plotLeft + plotWidth : plotLeft;
  /** x in a left-to-right layout, mirrored for right to left. */
  const place = (x, width = 0) => (rtl ? 2 * plotLeft + plotWidth - x - width : x);

  const values = groups.flatMap((g) => series.map((s) => value(g.key, s.key)));
  const step = tickStep(Math.max(1, ...values));
  const top = Math.max(step, Math.ceil(Math.max(1, ...values) / step) * step);
  const y = (n) => baseline - (n / top) * plotHeight;

  const groupWidth = plotWidth / groups.length;
  const barsWidth = series.length * BAR + (series.length - 1) * GAP;

  const ticks = [];
  for (let n = 0; n <= top; n += step) ticks.push(n);

  return svg(
    'svg',
    {
      id,
      class: 'bar-chart',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': `${ids.title} ${ids.desc}`,
      direction: 'ltr',
      focusable: 'false',
    },
    svg('title', { id: ids.title }, title),
    svg('desc', { id: ids.desc }, desc),
    svg(
      'defs',
      {},
      svg(
        'pattern',
        { id: ids.hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svg('rect', { width: 6, height: 6, class: 'chart-hatch-ground' }),
        svg('rect', { width: 2.5, height: 6, class: 'chart-hatch-line' }),
      ),
    ),
    // The grid and the counted axis.
    svg(
      'g',
      { class: 'chart-grid' },
      ticks.map((n) => svg('line', { x1: plotLeft, x2: plotLeft + plotWidth, y1: y(n), y2: y(n), class: n === 0 ? 'chart-baseline' : 'chart-gridline' })),
    ),
    svg('line', { x1: axisX, x2: axisX, y1: TOP - 6, y2: baseline, class: 'chart-axis' }),
    svg(
      'g',
      { class: 'chart-ticks' },
      ticks.map((n) => svg('text', { x: rtl ? axisX + 8 : axisX - 8, y: y(n) + 4, 'text-anchor': rtl ? 'start' : 'end', class: 'chart-tick' }, format(n))),
    ),
    svg('text', { x: rtl ? W - 12 : 12, y: TOP + plotHeight / 2, 'text-anchor': 'middle', transform: `rotate(${rtl ? 90 : -90} ${rtl ? W - 12 : 12} ${TOP + plotHeight / 2})`, class: 'chart-axis-title' }, yTitle),
    // The bars, group by group.
    groups.map((group, gi) => {
      const start = plotLeft + gi * groupWidth + (groupWidth - barsWidth) / 2;
      return svg(
        'g',
        { class: 'chart-group', 'data-group': group.key },
        series.map((s, si) => {
          const n = value(group.key, s.key);
          const x = place(start + si * (BAR + GAP), BAR);
          const height = Math.max(0, baseline - y(n));
          return svg(
            'g',
            {},
            svg('rect', {
              x,
              y: baseline - height,
              width: BAR,
              height,
              class: `chart-bar chart-bar-${s.key}`,
              fill: s.pattern === 'hatch' ? `url(#${ids.hatch})` : undefined,
              'data-group': group.key,
              'data-series': s.key,
              'data-value': n,
            }),
            svg('text', { x: x + BAR / 2, y: baseline - height - 5, 'text-anchor': 'middle', class: 'chart-value', 'data-series': s.key }, format(n)),
          );
        }),
        svg('text', { x: place(plotLeft + gi * groupWidth + groupWidth / 2), y: baseline + 20, 'text-anchor': 'middle', class: 'chart-label' }, group.label),
      );
    }),
    svg('text', { x: plotLeft + plotWidth / 2, y: H - 8, 'text-anchor': 'middle', class: 'chart-axis-title' }, xTitle),
  );
}
