/**
 * "Request an excuse": the section, the items missed or still pending, the reason and the
 * documents. Each document is sent first (POST /students/{id}/documents, its own bytes) and shown
 * with its name and size, or with the service's refusal; the request then names them.
 */
import { get, path } from '../api.js';
import { announce, apiText, h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { outcomeChip } from '../ui/chips.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { DOCUMENT_TYPES, submitRequest, uploadDocument } from './excuse-api.js';
import { fileSize, itemText } from './excuse-parts.js';

/** The outcomes an excuse is asked for. */
const EXCUSABLE = new Set(['absent', 'pending']);

/**
 * The student's sections: their own list for the student, registrars and admins; an instructor's
 * own sections that have the student. A department council cannot read either (it types them).
 */
async function sectionsOf(studentId, role) {
  if (role === 'faculty') {
    const { sections } = await get('/sections');
    const enrolled = await Promise.all(sections.map((s) => get(path`/sections/${s.sectionId}/students/${studentId}`).then(() => s, () => null)));
    return enrolled.filter(Boolean);
  }
  return (await get(path`/students/${studentId}/attendance`)).sections;
}

/** `busy(sectionId)`: the items of that section already in a request waiting or accepted, with its state. */
export function excuseRequestForm({ studentId, session, timeZone, busy = () => new Map(), onSubmitted }) {
  const typed = session.role === 'department';
  const ids = { section: 'excuse-section', reason: 'excuse-reason', files: 'excuse-files', itemIds: 'excuse-item-ids', filesHint: uid('files-hint') };
  const result = h('div', { class: 'form-result', id: 'excuse-result' });
  const section = typed
    ? h('input', { id: ids.section, name: 'sectionId', type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', required: true })
    : h('select', { id: ids.section, name: 'sectionId', required: true, onchange: () => drawItems() }, h('option', { value: '' }, t('common.loading')));
  const items = h('div', { class: 'excuse-choices', id: 'excuse-items-body' });
  const itemIds = typed ? h('input', { id: ids.itemIds, name: 'itemIds', type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', required: true }) : null;
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 3, required: true, maxlength: 2000 });
  const files = h('input', { id: ids.files, name: 'documents', type: 'file', multiple: true, accept: ['.pdf', '.png', '.jpg', '.jpeg', ...DOCUMENT_TYPES].join(','), 'aria-describedby': ids.filesHint, onchange: () => attach() });
  const uploads = h('ul', { class: 'excuse-uploads', id: 'excuse-uploads' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'excuse-submit' }, t('excuses.submit'));
  /** The documents sent so far: li → the service's answer; a refused or removed one is not kept. */
  const attached = new Map();
  let uploading = 0;
  const records = new Map();

  async function recordOf(sectionId) {
    if (!records.has(sectionId)) records.set(sectionId, get(path`/sections/${sectionId}/students/${studentId}`).catch((error) => (records.delete(sectionId), Promise.reject(error))));
    return records.get(sectionId);
  }

  async function drawItems() {
    if (typed) return;
    const sectionId = section.value;
    if (!sectionId) return replace(items, h('p', { class: 'muted' }, t('excuses.chooseSection')));
    items.dataset.state = 'loading';
    replace(items, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const record = await recordOf(sectionId);
      if (section.value !== sectionId) return;
      const taken = busy(sectionId);
      const choices = record.items.filter((i) => EXCUSABLE.has(i.outcome));
      items.dataset.state = 'done';
      replace(
        items,
        choices.length
          ? h(
              'ul',
              { class: 'checklist' },
              choices.map((item) => {
                const state = taken.get(item.itemId);
                return h(
                  'li',
                  { dataset: { item: item.itemId } },
                  h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'excuse-item', value: item.itemId, disabled: Boolean(state) }), h('span', {}, itemText(item, timeZone), ' ', outcomeChip(item.outcome, item.kind))),
                  state ? h('span', { class: 'hint' }, ' ', t(`excuses.busy.${state}`)) : null,
                );
              }),
            )
          : h('p', { class: 'muted', id: 'excuse-no-items' }, t('excuses.noItems')),
      );
    } catch (error) {
      items.dataset.state = 'error';
      replace(items, errorBox(error, { retry: drawItems }));
    }
  }

  function uploadEntry(file) {
    const li = h('li', { class: 'excuse-upload', dataset: { name: file.name, state: 'uploading' } }, h('span', { class: 'upload-name' }, h('bdi', {}, file.name)), ' ', h('span', { class: 'upload-size' }, `(${fileSize(file.size)})`), ' ');
    const status = h('span', { class: 'upload-status' }, t('excuses.uploading'));
    li.append(status);
    uploads.append(li);
    return { li, status };
  }

  async function attach() {
    const chosen = [...files.files];
    files.value = '';
    await Promise.all(
      chosen.map(async (file) => {
        const { li, status } = uploadEntry(file);
        uploading += 1;
        submit.disabled = true;
        try {
          const doc = await uploadDocument(studentId, file);
          attached.set(li, doc);
          li.dataset.state = 'done';
          li.dataset.document = doc.documentId;
          const remove = h('button', { type: 'button', class: 'link-button', onclick: () => (attached.delete(li), li.remove(), announce(t('excuses.removed', { name: file.name }))) }, t('excuses.remove', { name: file.name }));
          status.replaceChildren(t('excuses.attached'), ' ', remove);
          announce(t('excuses.attachedNamed', { name: file.name }));
        } catch (error) {
          li.dataset.state = 'refused';
          li.dataset.status = String(error.status ?? 0);
          status.replaceChildren(h('span', { class: 'message error upload-error', role: 'alert' }, t('excuses.refusedFile'), ' ', error.status ? apiText(error.message) : error.message));
        } finally {
          uploading -= 1;
          submit.disabled = uploading > 0;
        }
      }),
    );
  }

  async function send(event) {
    event.preventDefault();
    result.replaceChildren();
    const sectionId = section.value.trim();
    const chosenItems = typed ? itemIds.value.split(/[\s,]+/).filter(Boolean) : [...items.querySelectorAll('input[name="excuse-item"]:checked')].map((c) => c.value);
    if (!sectionId) return resultLine(result, 'error', t('excuses.needSection')), section.focus();
    if (!chosenItems.length) return resultLine(result, 'error', t('excuses.needItems')), (itemIds ?? items.querySelector('input:not(:disabled)') ?? section).focus();
    if (!reason.value.trim()) return resultLine(result, 'error', t('excuses.needReason')), reason.focus();
    if (uploading > 0) return resultLine(result, 'error', t('excuses.stillUploading'));
    submit.disabled = true;
    try {
      const documentIds = [...attached.values()].map((d) => d.documentId);
      const answer = await submitRequest(sectionId, { studentId, itemIds: chosenItems, reason: reason.value.trim(), ...(documentIds.length ? { documentIds } : {}) });
      resultLine(result, 'success', t('excuses.sent'));
      announce(t('excuses.sent'));
      reason.value = '';
      if (itemIds) itemIds.value = '';
      attached.clear();
      uploads.replaceChildren();
      records.delete(sectionId);
      await onSubmitted?.(answer);
      drawItems();
    } catch (error) {
      result.replaceChildren(errorBox(error));
    } finally {
      submit.disabled = uploading > 0;
    }
  }

  const titleId = uid('excuse-form-title');
  const form = h(
    'form',
    { class: 'card excuse-form', id: 'excuse-form', novalidate: true, onsubmit: send, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('excuses.formTitle')),
    h('p', { class: 'hint' }, t(typed ? 'excuses.formIntroTyped' : 'excuses.formIntro')),
    h('div', { class: 'field' }, h('label', { for: ids.section }, t('excuses.section')), section),
    typed
      ? h('div', { class: 'field' }, h('label', { for: ids.itemIds }, t('excuses.itemIds')), itemIds)
      : h('fieldset', { id: 'excuse-items' }, h('legend', {}, t('excuses.items')), items),
    h('div', { class: 'field' }, h('label', { for: ids.reason }, t('excuses.reason')), reason),
    h('div', { class: 'field' }, h('label', { for: ids.files }, t('excuses.documents')), h('p', { class: 'hint', id: ids.filesHint }, t('excuses.documentsHint')), files, uploads),
    h('p', { class: 'actions' }, submit),
    result,
  );

  if (!typed) {
    sectionsOf(studentId, session.role).then(
      (sections) => {
        replace(section, h('option', { value: '' }, t('excuses.chooseSection')), sections.map((s) => h('option', { value: s.sectionId }, [s.courseCode, s.title].filter(Boolean).length ? `${s.sectionId} — ${[s.courseCode, s.title].filter(Boolean).join(' ')}` : s.sectionId)));
        if (sections.length === 1) section.value = sections[0].sectionId;
        drawItems();
      },
      (error) => replace(items, errorBox(error)),
    );
  }
  return { element: form, refresh: drawItems };
}
