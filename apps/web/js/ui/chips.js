/** Status and outcome chips: a word, never a colour alone. */
import { h } from '../dom.js';
import { outcomeLabel, statusLabel } from '../format.js';

export const statusChip = (status) => h('span', { class: `chip status-${status}`, dataset: { status } }, statusLabel(status));

export const outcomeChip = (outcome, kind) => h('span', { class: `chip outcome-${outcome}`, dataset: { outcome } }, outcomeLabel(outcome, kind));
