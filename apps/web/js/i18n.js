/** The viewer's language: texts, plural forms, direction and the locale that Intl formats with. */
import en from './strings-en.js';
import ar from './strings-ar.js';
import { saveLanguage, savedLanguage } from './prefs.js';

const dictionaries = { en, ar };
let current = 'en';

export const lang = () => current;

/** The language to start with: the one chosen before, else the browser's first choice. */
export function initialLanguage() {
  const saved = savedLanguage();
  if (saved && saved in dictionaries) return saved;
  const first = (navigator.languages ?? [navigator.language]).find((l) => /^(ar|en)\b/i.test(l));
  return first?.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export function setLanguage(next, { remember = true } = {}) {
  current = next in dictionaries ? next : 'en';
  document.documentElement.lang = current;
  document.documentElement.dir = current === 'ar' ? 'rtl' : 'ltr';
  if (remember) saveLanguage(current);
}

/** The viewer's locale for Intl in the current language (their regional variant when they have one). */
export function locale() {
  const preferred = (navigator.languages ?? [navigator.language]).find((l) => l.toLowerCase().startsWith(current));
  if (preferred) return preferred;
  return current === 'ar' ? 'ar-SA' : 'en';
}

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));

export function has(key) {
  return key in dictionaries[current] || key in en;
}

export function t(key, vars = {}) {
  return fill(dictionaries[current][key] ?? en[key] ?? key, vars);
}

/** A text that depends on a count, by the language's plural rules (Arabic has six forms). */
export function tp(key, count, vars = {}) {
  const category = new Intl.PluralRules(current).select(count);
  const chosen = `${key}.${category}` in dictionaries[current] ? `${key}.${category}` : `${key}.other`;
  return t(chosen, { n: new Intl.NumberFormat(locale()).format(count), ...vars });
}
