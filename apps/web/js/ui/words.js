/**
 * What the API gives as data (a code and its values: evidence, findings, notices) worded in the
 * viewer's language. Times become <time> elements in the section's time zone with the Hijri date,
 * durations and percents are formatted in the viewer's locale, ids and free text stay as given.
 */
import { apiText, h } from '../dom.js';
import { componentLabel, dateTime, kindLabel, levelLabel, minutes, outcomeLabel, percent } from '../format.js';
import { locale, t } from '../i18n.js';

const TIMES = new Set(['at', 'due', 'endsAt', 'enrolledAt', 'until']);
const PERCENTS = new Set(['neededPercent', 'watchedPercent', 'absencePercent', 'limitPercent']);
const MINUTES = new Set(['lateAfterMinutes', 'minVirtualClassMinutes']);
const SECONDS = new Set(['connectedSeconds', 'durationSeconds']);
const FREE_TEXT = new Set(['reason', 'decidedBy']);

/** A duration in whole minutes and seconds, in the viewer's locale. */
export function duration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const unit = (value, name) => new Intl.NumberFormat(locale(), { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  return s === 0 ? unit(m, 'minute') : `${unit(m, 'minute')} ${unit(s, 'second')}`;
}

function valueNode(name, value, timeZone, kind) {
  if (TIMES.has(name)) return dateTime(value, timeZone);
  if (PERCENTS.has(name)) return percent(value);
  if (MINUTES.has(name)) return minutes(value);
  if (SECONDS.has(name)) return duration(value);
  if (name === 'status' || name === 'outcome') return outcomeLabel(value, kind);
  if (name === 'kind') return kindLabel(value);
  if (name === 'component') return componentLabel(value);
  if (name === 'level') return levelLabel(value);
  if (FREE_TEXT.has(name)) return apiText(value);
  if (typeof value === 'number') return new Intl.NumberFormat(locale()).format(value);
  return h('bdi', {}, String(value));
}

/**
 * The text of `key` with each {name} replaced by its value, formatted by what the name holds;
 * `kind` is the item's kind, for outcomes worded by kind (an e-activity is Submitted).
 */
export function words(key, values = {}, timeZone, { kind } = {}) {
  const template = t(key);
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, match.index));
    parts.push(match[1] in values ? valueNode(match[1], values[match[1]], timeZone, kind) : match[0]);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return h('span', { class: 'worded' }, parts);
}

/**
 * A notice's own text as the service wrote it (`message: { ar, en }`), in the viewer's language,
 * with the language it is in: `message.ar` in Arabic, `message.en` in English; the other only
 * when the viewer's is missing.
 */
export function noticeWording(notice, language) {
  const message = notice.message;
  if (typeof message === 'string') return { text: message, lang: undefined };
  for (const candidate of [language, 'en', 'ar']) if (typeof message?.[candidate] === 'string' && message[candidate]) return { text: message[candidate], lang: candidate };
  return { text: '', lang: undefined };
}

export const noticeText = (notice, language) => noticeWording(notice, language).text;
