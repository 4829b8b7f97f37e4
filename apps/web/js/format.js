/** Numbers, amounts and dates in the viewer's locale; dates in Gregorian with the Umm al-Qura Hijri date beside. */
import { h } from './dom.js';
import { has, lang, locale, t, tp } from './i18n.js';

export const TIMED = new Set(['virtualClass', 'inPerson']);

/** A percent given as 0–100 (as the API gives it). */
export const percent = (p) => (p === null || p === undefined ? '—' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(p / 100));

export const minutes = (m) => new Intl.NumberFormat(locale(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(m);

export const minutesShort = (m) => new Intl.NumberFormat(locale(), { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(m);

/** A weight of a component in its own unit: minutes for timed sessions, a count for the others. */
export const amount = (component, value, { short = false } = {}) =>
  TIMED.has(component) ? (short ? minutesShort(value) : minutes(value)) : tp(`count.${component}`, value);

const withCalendar = (tag, calendar) => (tag.includes('-u-') ? `${tag}-ca-${calendar}` : `${tag}-u-ca-${calendar}`);

/** Hijri (Umm al-Qura) formats: `ar-SA-u-ca-islamic-umalqura` or `en-u-ca-islamic-umalqura`. */
const hijriLocale = () => (lang() === 'ar' ? 'ar-SA-u-ca-islamic-umalqura' : 'en-u-ca-islamic-umalqura');

export function gregorian(iso, timeZone, { time = true } = {}) {
  const options = time ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone };
  return new Intl.DateTimeFormat(withCalendar(locale(), 'gregory'), options).format(new Date(iso));
}

export const hijri = (iso, timeZone) => new Intl.DateTimeFormat(hijriLocale(), { dateStyle: 'medium', timeZone }).format(new Date(iso));

/** <time> with the Gregorian date and time, and the Hijri date beside it. */
export function dateTime(iso, timeZone, options) {
  if (!iso) return h('span', {}, '—');
  return h(
    'time',
    { datetime: iso, class: 'datetime' },
    h('span', { class: 'gregorian' }, gregorian(iso, timeZone, options)),
    ' ',
    h('span', { class: 'hijri' }, `(${hijri(iso, timeZone)})`),
  );
}

/** The same as plain text, for messages. */
export const dateTimeText = (iso, timeZone, options) => `${gregorian(iso, timeZone, options)} (${hijri(iso, timeZone)})`;

export const statusLabel = (status) => t(`status.${status}`);
export const componentLabel = (component) => t(`component.${component}`);
export const kindLabel = (kind) => t(`kind.${kind}`);
/** An item's outcome; an e-activity's own words where it has them (Submitted, not Present). */
export const outcomeLabel = (outcome, kind) => (kind && has(`outcome.${kind}.${outcome}`) ? t(`outcome.${kind}.${outcome}`) : t(`outcome.${outcome}`));
export const levelLabel = (level) => (level ? t(`level.${level}`) : '—');
