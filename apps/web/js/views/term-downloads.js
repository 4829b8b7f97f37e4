/**
 * A term's eligibility for the student information system: GET /terms/{termId}/eligibility as CSV,
 * an XLSX workbook or JSON lines (by Accept), sent with the viewer's token or session as every
 * request. Each answer names its snapshot (X-Snapshot-Id); the last one is shown and can be
 * downloaded again (?snapshot=), which gives the same rows whatever is recorded after it.
 */
import { fetchFile, path } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { csvDownloadButton } from './csv-download.js';

const FORMATS = {
  csv: { accept: 'text/csv', extension: 'csv' },
  xlsx: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  ndjson: { accept: 'application/x-ndjson', extension: 'jsonl' },
};

/**
 * `scope()`: the term and college of the list shown. `kept`: `{ format, last }`, kept by the page
 * across redraws; `last` is the last download's `{ term, college, snapshotId }`.
 */
export function termDownloads({ scope, kept }) {
  const title = uid('td-title');
  const format = () => kept.format ?? 'csv';

  /** The list now, or again as of the last download's snapshot, in the chosen format. */
  const fetchList = (again) => async () => {
    const { term, college } = again ? kept.last : scope();
    const snapshot = again ? kept.last.snapshotId : undefined;
    const { blob, headers } = await fetchFile(path`/terms/${term}/eligibility`, { accept: FORMATS[format()].accept, query: { college, snapshot } });
    kept.last = { term, college, snapshotId: headers.get('x-snapshot-id') ?? snapshot };
    showLast();
    return blob;
  };
  const file = () => {
    const { term, college, snapshotId } = kept.last;
    return `eligibility-${term}${college ? `-${college}` : ''}-${snapshotId}.${FORMATS[format()].extension}`;
  };

  const now = csvDownloadButton({ id: 'term-download', label: t('terms.download'), text: fetchList(false), file });
  const again = csvDownloadButton({ id: 'term-download-again', label: '', text: fetchList(true), file });
  const againBox = h('div', { id: 'term-again', hidden: true }, again);
  const last = h('p', { id: 'term-last-snapshot' });

  function showLast() {
    againBox.hidden = !kept.last;
    if (!kept.last) return replace(last, t('terms.noSnapshot'));
    const { term, college, snapshotId } = kept.last;
    // A new snapshot: the line of the one before no longer says what "again" gives.
    if (last.dataset.snapshot && last.dataset.snapshot !== snapshotId) againBox.querySelector('#term-download-again-result').replaceChildren();
    last.dataset.snapshot = snapshotId;
    replace(
      last,
      t('terms.lastSnapshot'),
      ' ',
      h('code', { id: 'term-snapshot-id', dir: 'ltr' }, snapshotId),
      ' ',
      t(college ? 'terms.lastScopeCollege' : 'terms.lastScope', { term, college }),
    );
    againBox.querySelector('#term-download-again').textContent = t('terms.downloadAgain', { snapshot: snapshotId });
  }

  const formats = h(
    'fieldset',
    { id: 'term-format' },
    h('legend', {}, t('terms.format')),
    Object.keys(FORMATS).map((key) =>
      h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'term-format', value: key, checked: key === format(), onchange: () => (kept.format = key) }), t(`terms.format.${key}`)),
    ),
  );

  showLast();
  return h(
    'section',
    { class: 'card', id: 'term-downloads', 'aria-labelledby': title },
    h('h2', { id: title }, t('terms.downloads')),
    h('p', { class: 'hint' }, t('terms.downloadsIntro')),
    formats,
    now,
    last,
    againBox,
  );
}
