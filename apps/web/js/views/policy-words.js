/**
 * Policies in the viewer's words: a scope ("term:1448-1") as "Term 1448-1", a version's settings
 * as "Absence limit 20%" (the limit people are told is 100 − thresholdPercent), figures in the
 * viewer's locale. Settings the page has no words for stay as the API names them.
 */
import { h } from '../dom.js';
import { resultLine } from '../ui/errors.js';
import { levelLabel, percent } from '../format.js';
import { locale, t } from '../i18n.js';

export const LEVELS = ['supporting', 'evening-virtual', 'blended', 'online', 'distance-program'];

/** The scopes a version may be set for, and the ones a what-if may try (a section besides). */
export const VERSION_SCOPES = ['institution', 'term', 'level', 'college'];
export const WHAT_IF_SCOPES = ['institution', 'term', 'college', 'level', 'section'];

/** 'term:1448-1' → { kind: 'term', id: '1448-1' }; 'institution' → { kind: 'institution' }. */
export function splitScope(scope) {
  if (scope === 'institution') return { kind: 'institution' };
  const at = scope.indexOf(':');
  return at > 0 ? { kind: scope.slice(0, at), id: scope.slice(at + 1) } : { kind: scope };
}

/** A scope in words: "The institution", "Term 1448-1", "Level: Fully online", "College engineering", "Section PL-1". */
export function scopeLabel(scope) {
  const { kind, id } = splitScope(scope);
  if (kind === 'institution') return t('scope.institution');
  if (kind === 'level') return t('scope.level', { level: levelLabel(id) });
  if (['term', 'college', 'section'].includes(kind)) return t(`scope.${kind}`, { id });
  return scope;
}

/** The order scopes are listed in: the institution, then terms, levels, colleges, each by id. */
export function scopeOrder(a, b) {
  const rank = (scope) => {
    const i = ['institution', 'term', 'level', 'college', 'section'].indexOf(splitScope(scope).kind);
    return i < 0 ? 9 : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b, undefined, { numeric: true });
}

export const number = (n) => new Intl.NumberFormat(locale()).format(n);

/** A list of percents in the viewer's language: "10% and 20%". */
const percents = (values) => new Intl.ListFormat(locale(), { type: 'conjunction' }).format(values.map((v) => percent(v)));

/** The absence limit a threshold means: 75 → 25. */
export const limitOf = (thresholdPercent) => 100 - thresholdPercent;

/** Each setting a version (or a candidate) sets, in words; an empty policy says it keeps the rules' defaults. */
export function settingsList(policy) {
  const entries = Object.entries(policy ?? {});
  if (entries.length === 0) return h('p', { class: 'muted settings-none' }, t('setting.none'));
  return h(
    'ul',
    { class: 'settings' },
    entries.map(([name, value]) => {
      let text;
      if (name === 'thresholdPercent' && typeof value === 'number') text = t('setting.limit', { percent: percent(limitOf(value)) });
      else if (name === 'warningPercents' && Array.isArray(value)) text = value.length ? t('setting.warnings', { percents: percents(value) }) : t('setting.noWarnings');
      return h('li', { dataset: { setting: name, value: JSON.stringify(value) } }, text ?? [h('code', { lang: 'en', dir: 'ltr' }, name), ' ', h('bdi', {}, JSON.stringify(value))]);
    }),
  );
}

/** The same as one line of text, for a summary. */
export function settingsText(policy) {
  const parts = [];
  for (const [name, value] of Object.entries(policy ?? {})) {
    if (name === 'thresholdPercent' && typeof value === 'number') parts.push(t('setting.limit', { percent: percent(limitOf(value)) }));
    else if (name === 'warningPercents' && Array.isArray(value)) parts.push(value.length ? t('setting.warnings', { percents: percents(value) }) : t('setting.noWarnings'));
    else parts.push(`${name} ${JSON.stringify(value)}`);
  }
  return parts.length ? new Intl.ListFormat(locale(), { type: 'unit' }).format(parts) : t('setting.none');
}

/** Digits as typed in either language (٠١٢ or 012) → a whole number, or undefined. */
export function wholeNumber(text) {
  const western = String(text ?? '')
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return /^\d{1,3}$/.test(western) ? Number(western) : undefined;
}

/** "10, 20" (or "١٠، ٢٠") → [10, 20]; '' → undefined (not set); anything else → null (not understood). */
export function parseWarnings(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return undefined;
  const values = trimmed.split(/[\s,،;؛]+/).filter(Boolean).map(wholeNumber);
  return values.every((v) => v !== undefined) ? values : null;
}

/**
 * The policy a form's fields say (an absence limit %, warning levels), or null after putting the
 * keyboard on the field that is wrong (and saying why in `result` for the warnings).
 */
export function policyFromFields(limit, warnings, result) {
  const limitValue = Number(limit.value);
  if (limit.value === '' || !Number.isInteger(limitValue) || limitValue < 0 || limitValue > 100) return limit.focus(), null;
  const warningValues = parseWarnings(warnings.value);
  if (warningValues === null) {
    resultLine(result, 'error', t('policies.warningsInvalid'));
    return warnings.focus(), null;
  }
  return { thresholdPercent: 100 - limitValue, ...(warningValues ? { warningPercents: warningValues } : {}) };
}
