/**
 * A date-and-time field in the viewer's language: the label, a hint on what to enter, the input
 * marked with the page's language (lang="ar" in Arabic), and the chosen moment said back in that
 * language, in Gregorian with the Hijri date beside, so the viewer can check what the browser's
 * own picker took. The value is a wall-clock time in `timeZone` (see time.js).
 */
import { h, uid } from '../dom.js';
import { dateTimeText } from '../format.js';
import { lang, t } from '../i18n.js';
import { localInputToIso } from '../time.js';

export function dateTimeField({ id = uid('dt'), label, timeZone, value, required = false, name, emptyHint = '' }) {
  const ids = { hint: uid('dt-hint'), echo: uid('dt-echo') };
  const input = h('input', { id, name, type: 'datetime-local', step: '60', required, value, lang: lang(), 'aria-describedby': `${ids.hint} ${ids.echo}` });
  const echo = h('p', { class: 'hint datetime-echo', id: ids.echo });
  const refresh = () => {
    const iso = localInputToIso(input.value, timeZone);
    echo.textContent = iso ? t('datetime.chosen', { date: dateTimeText(iso, timeZone) }) : emptyHint;
  };
  input.addEventListener('input', refresh);
  input.addEventListener('change', refresh);
  refresh();
  const element = h(
    'div',
    { class: 'field datetime-field' },
    h('label', { for: id }, label),
    h('p', { class: 'hint', id: ids.hint }, t('datetime.hint', { tz: timeZone })),
    input,
    echo,
  );
  return { element, input, refresh };
}
