/** Pieces of an excuse request shown to the student and to the councils: its state, steps, items and documents. */
import { apiText, h } from '../dom.js';
import { dateTime, kindLabel } from '../format.js';
import { has, locale, t } from '../i18n.js';
import { csvDownloadButton } from './csv-download.js';
import { documentBlob } from './excuse-api.js';

export const STATES = ['submitted', 'forwarded', 'accepted', 'rejected', 'revoked'];
export const isPending = (request) => request.state === 'submitted' || request.state === 'forwarded';

/** The state as a word on a tint, never colour alone. */
export const stateChip = (state) => h('span', { class: `chip excuse-state excuse-state-${state}`, dataset: { state } }, t(`excuses.state.${state}`));

/** "department:cs" as "Department council cs". */
export function byLabel(by) {
  const [role, ...rest] = String(by ?? '').split(':');
  const subject = rest.join(':');
  if (!subject) return h('bdi', {}, by);
  return [has(`role.${role}`) ? t(`role.${role}`) : role, ' ', h('bdi', {}, subject)];
}

/** A size in bytes, in the viewer's locale (12 kB, 1.2 MB). */
export function fileSize(bytes) {
  const [unit, value] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : bytes >= 1000 ? ['kilobyte', bytes / 1000] : ['byte', bytes];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** "CS210 Data structures (EXC-1)". */
export function sectionName(section, sectionId) {
  const id = section?.sectionId ?? sectionId;
  const name = [section?.courseCode, section?.title].filter(Boolean).join(' ');
  // Each part isolated with its brackets, so a right-to-left page keeps "(EXC-1)" whole, however the cell wraps.
  return name ? [h('bdi', {}, name), ' ', h('bdi', { class: 'nowrap' }, `(${id})`)] : h('bdi', {}, id);
}

/** An item's name and when it was: the start of a class, the due date of an activity. */
export function itemText(item, timeZone) {
  const when = item.startsAt ?? item.dueAt;
  return [
    h('span', { class: 'item-name' }, h('bdi', {}, item.title || item.itemId)),
    item.title ? [' ', h('bdi', { class: 'muted' }, `(${item.itemId})`)] : null,
    item.kind ? [' · ', kindLabel(item.kind)] : null,
    when ? [' · ', dateTime(when, timeZone)] : null,
  ];
}

export const itemsList = (items, timeZone) => h('ul', { class: 'excuse-items' }, items.map((item) => h('li', { dataset: { item: item.itemId } }, itemText(item, timeZone))));

/** Every step: what, who, when, and the council's reason. */
export function stepsList(steps, timeZone) {
  return h(
    'ol',
    { class: 'excuse-steps' },
    steps.map((step) =>
      h(
        'li',
        { dataset: { step: step.step } },
        h('strong', {}, t(`excuses.step.${step.step}`)),
        ' · ',
        byLabel(step.by),
        ' · ',
        dateTime(step.at, timeZone),
        step.reason ? h('p', { class: 'step-reason reason' }, t('excuses.stepReason'), ' ', apiText(step.reason)) : null,
      ),
    ),
  );
}

/** The request's documents, each saved with the viewer's token; an erased one by its name only. */
export function documentsList(request) {
  if (!request.documents?.length) return h('span', { class: 'muted' }, t('excuses.noDocuments'));
  return h(
    'ul',
    { class: 'excuse-documents' },
    request.documents.map((doc) =>
      h(
        'li',
        { dataset: { document: doc.documentId } },
        doc.erased
          ? [h('bdi', {}, doc.name), ' ', h('span', { class: 'muted' }, t('excuses.erased'))]
          : csvDownloadButton({ id: `doc-${request.requestId}-${doc.documentId}`, label: [h('bdi', {}, doc.name), ` (${fileSize(doc.bytes)})`], text: () => documentBlob(request.requestId, doc.documentId), file: () => doc.name }),
      ),
    ),
  );
}
