/** The eligibility list as CSV: fetched with Accept: text/csv and saved through a Blob link. */
import { get, path } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';

export function csvButton({ sectionId, asOf }) {
  const result = h('div', { class: 'csv-result', id: 'csv-result' });
  let url;
  const button = h(
    'button',
    {
      type: 'button',
      id: 'csv-download',
      onclick: async () => {
        button.disabled = true;
        try {
          const text = await get(path`/sections/${sectionId}/eligibility`, { accept: 'text/csv', query: { asOf: asOf() } });
          if (url) URL.revokeObjectURL(url);
          url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
          const file = `eligibility-${sectionId}${asOf() ? `-as-of-${asOf().slice(0, 16).replace(/[^0-9T]/g, '')}` : ''}.csv`;
          const anchor = h('a', { href: url, download: file, id: 'csv-link' }, t('registrar.csvAgain', { file }));
          resultLine(result, 'success', [t('registrar.csvReady', { file }), ' ', anchor]);
          anchor.click();
        } catch (error) {
          result.replaceChildren(errorBox(error));
        } finally {
          button.disabled = false;
        }
      },
    },
    t('registrar.csv'),
  );
  return h('div', { class: 'csv' }, button, result);
}
