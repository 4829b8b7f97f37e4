/**
 * A new version of a scope's policy: the scope, the absence limit (sent as thresholdPercent =
 * 100 − limit), warnings if given, from when it counts (a date-time in the viewer's language and
 * the chosen time zone), retroactive only when ticked (with a warning of what that changes), and
 * the reason, required. PUT /policies/{scope}; a refusal is shown in the API's own words.
 */
import { path, request } from '../api.js';
import { announce, apiText, h, uid } from '../dom.js';
import { lang, t } from '../i18n.js';
import { isoToLocalInput, localInputToIso } from '../time.js';
import { dateTimeField } from '../ui/datetime-field.js';
import { errorBox, resultLine } from '../ui/errors.js';
import { scopeField } from '../ui/scope-field.js';
import { number, policyFromFields, scopeLabel, VERSION_SCOPES } from './policy-words.js';

export function versionForm({ sections, colleges, timeZone, onSaved }) {
  const ids = { title: uid('pv-title'), limit: 'version-limit', limitHint: uid('pv-limit-hint'), warnings: 'version-warnings', warningsHint: uid('pv-warn-hint'), reason: 'version-reason', retroHint: uid('pv-retro-hint'), retroWarning: 'version-retroactive-warning' };
  const scope = scopeField({ prefix: 'version', kinds: VERSION_SCOPES, sections, colleges });
  const limit = h('input', { id: ids.limit, name: 'limit', type: 'number', min: 0, max: 100, step: 1, required: true, inputmode: 'numeric', lang: lang(), 'aria-describedby': ids.limitHint });
  const warnings = h('input', { id: ids.warnings, name: 'warnings', type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': ids.warningsHint });
  const now = new Date();
  now.setSeconds(0, 0);
  const effective = dateTimeField({ id: 'version-effective', name: 'effectiveFrom', label: t('policies.effectiveFrom', { tz: timeZone }), timeZone, required: true, value: isoToLocalInput(now.toISOString(), timeZone) });
  const retroWarning = h('p', { class: 'message warning', id: ids.retroWarning, hidden: true }, t('policies.retroactiveWarning'));
  const retroactive = h('input', {
    id: 'version-retroactive',
    name: 'retroactive',
    type: 'checkbox',
    'aria-describedby': `${ids.retroHint} ${ids.retroWarning}`,
    onchange: () => {
      retroWarning.hidden = !retroactive.checked;
      if (retroactive.checked) announce(t('policies.retroactiveWarning'));
    },
  });
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 3, required: true, maxlength: 2000 });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'version-submit' }, t('policies.submit'));
  const result = h('div', { class: 'form-result', id: 'version-result' });

  async function save(event) {
    event.preventDefault();
    const chosen = scope.value();
    if (!chosen) return scope.focus();
    const policy = policyFromFields(limit, warnings, result);
    if (!policy) return;
    const effectiveFrom = localInputToIso(effective.input.value, timeZone);
    if (!effectiveFrom) return effective.input.focus();
    if (!reason.value.trim()) return reason.focus();
    const body = {
      policy,
      effectiveFrom,
      retroactive: retroactive.checked,
      reason: reason.value.trim(),
    };
    submit.disabled = true;
    resultLine(result, 'info', t('common.saving'));
    try {
      const answer = await request(path`/policies/${chosen}`, { method: 'PUT', body });
      resultLine(result, 'success', t('policies.saved', { version: number(answer.version), scope: scopeLabel(chosen) }));
      reason.value = '';
      retroactive.checked = false;
      retroWarning.hidden = true;
      onSaved(answer);
    } catch (error) {
      if (error.status >= 400 && error.status < 500 && error.status !== 401) resultLine(result, 'error', [t('policies.refused'), ' ', apiText(error.message)]);
      else result.replaceChildren(errorBox(error));
      result.firstElementChild?.setAttribute('data-status', String(error.status ?? 0));
    } finally {
      submit.disabled = false;
    }
  }

  return h(
    'section',
    { class: 'card', id: 'version-form-card', 'aria-labelledby': ids.title },
    h('h2', { id: ids.title }, t('policies.add')),
    h('p', { class: 'hint' }, t('policies.addIntro')),
    h(
      'form',
      { id: 'version-form', class: 'policy-form', onsubmit: save },
      scope.element,
      h('div', { class: 'field' }, h('label', { for: ids.limit }, t('policies.limit')), h('p', { class: 'hint', id: ids.limitHint }, t('policies.limitHint')), limit),
      h('div', { class: 'field' }, h('label', { for: ids.warnings }, t('policies.warnings')), h('p', { class: 'hint', id: ids.warningsHint }, t('policies.warningsHint')), warnings),
      effective.element,
      h(
        'div',
        { class: 'field retroactive-field' },
        h('label', { class: 'check', for: 'version-retroactive' }, retroactive, t('policies.retroactiveLabel')),
        h('p', { class: 'hint', id: ids.retroHint }, t('policies.retroactiveHint')),
        retroWarning,
      ),
      h('div', { class: 'field' }, h('label', { for: ids.reason }, t('policies.reason')), reason),
      h('p', { class: 'actions' }, submit),
      result,
    ),
  );
}
