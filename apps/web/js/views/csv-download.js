/** A file the API answers (a CSV with Accept: text/csv, or a Blob), saved through a Blob link: the eligibility list, a what-if's changes, a term's list. */
import { get, path } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, resultLine } from '../ui/errors.js';

/** A button that fetches `text()` (CSV text, or a Blob) and saves it as `file()`; `id` names the button, its link and its result line. */
export function csvDownloadButton({ id, label, text, file }) {
  const result = h('div', { class: 'csv-result', id: `${id}-result` });
  let url;
  const button = h(
    'button',
    {
      type: 'button',
      id,
      onclick: async () => {
        button.disabled = true;
        try {
          const body = await text();
          if (url) URL.revokeObjectURL(url);
          url = URL.createObjectURL(body instanceof Blob ? body : new Blob([body], { type: 'text/csv;charset=utf-8' }));
          const name = file();
          const anchor = h('a', { href: url, download: name, id: `${id}-link` }, t('registrar.csvAgain', { file: name }));
          resultLine(result, 'success', [t('registrar.csvReady', { file: name }), ' ', anchor]);
          anchor.click();
        } catch (error) {
          result.replaceChildren(errorBox(error));
        } finally {
          button.disabled = false;
        }
      },
    },
    label,
  );
  return h('div', { class: 'csv' }, button, result);
}

/** The eligibility list of a section, as of the chosen moment. */
export const csvButton = ({ sectionId, asOf }) =>
  csvDownloadButton({
    id: 'csv-download',
    label: t('registrar.csv'),
    text: () => get(path`/sections/${sectionId}/eligibility`, { accept: 'text/csv', query: { asOf: asOf() } }),
    file: () => `eligibility-${sectionId}${asOf() ? `-as-of-${asOf().slice(0, 16).replace(/[^0-9T]/g, '')}` : ''}.csv`,
  });
