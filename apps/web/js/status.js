/** The domain's words turned into orderings and plain sentences. */
import { minutes, TIMED } from './format.js';
import { t, tp } from './i18n.js';

export const STATUSES = ['good', 'warning-1', 'warning-2', 'deprived', 'waived'];
export const COMPONENTS = ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'];

const SEVERITY = { deprived: 4, 'warning-2': 3, 'warning-1': 2, waived: 1, good: 0 };
export const severity = (status) => SEVERITY[status] ?? 0;
export const atRisk = (status) => severity(status) >= 2;

/** The components of a row, in a fixed order. */
export const componentsOf = (row) => COMPONENTS.filter((c) => row.components && c in row.components);

export const maxAbsence = (row) => Math.max(0, ...componentsOf(row).map((c) => row.components[c].absencePercent ?? 0));

const byId = (a, b) => a.studentId.localeCompare(b.studentId);

export const SORTS = {
  risk: (a, b) => severity(b.status) - severity(a.status) || maxAbsence(b) - maxAbsence(a) || byId(a, b),
  id: byId,
  absence: (a, b) => maxAbsence(b) - maxAbsence(a) || byId(a, b),
};

/** The weight most items of a kind have (90 for 90-minute classes), from a student's record. */
export function typicalWeight(items, kind) {
  const counts = new Map();
  for (const item of items ?? []) if (item.kind === kind && item.counted && item.weight > 0) counts.set(item.weight, (counts.get(item.weight) ?? 0) + 1);
  let best;
  for (const [weight, count] of counts) if (!best || count > best[1] || (count === best[1] && weight > best[0])) best = [weight, count];
  return best?.[0];
}

/** "You can miss 1 more virtual class of 90 minutes", from the allowance and the typical item. */
export function allowanceSentence(component, figures, items) {
  if (!figures || figures.planned === 0) return t('allow.nothingPlanned');
  const allowance = figures.allowance ?? 0;
  if (allowance <= 0) return t(`allow.none.${component}`);
  if (!TIMED.has(component)) return tp(`allow.items.${component}`, allowance);
  const weight = typicalWeight(items, component);
  const whole = weight ? Math.floor(allowance / weight) : 0;
  if (whole >= 1) return tp(`allow.items.${component}`, whole, { length: minutes(weight) });
  return t(`allow.partial.${component}`, { amount: minutes(allowance) });
}
