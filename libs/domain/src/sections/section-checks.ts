import { isValidTimeZone, policyProblems } from '@attendance/rules';
import { parseInstant } from '../time';
import type { ItemScheduled, SectionDefined } from './section.events';

/** What a section's definition must mean beyond its shape: the same whether it is asked for or read back. */
export function definitionProblems(data: SectionDefined): string[] {
  const problems: string[] = [];
  if (data.inPersonSharePercent !== undefined && ![25, 50, 75].includes(data.inPersonSharePercent)) problems.push('inPersonSharePercent must be 25, 50 or 75');
  if (data.level === 'blended' && data.inPersonSharePercent === undefined) problems.push('inPersonSharePercent is required for a blended section (25, 50 or 75)');
  if (!isValidTimeZone(data.timezone)) problems.push(`timezone "${data.timezone}" is not a known IANA time zone`);
  problems.push(...policyProblems(data.policy as Record<string, unknown>));
  return problems;
}

/** What an item must have for its kind (contract, Configuration). */
export function itemProblems(data: ItemScheduled): string[] {
  const problems: string[] = [];
  if (data.kind === 'virtualClass' || data.kind === 'inPerson') {
    if (data.startsAt === undefined) problems.push(`startsAt is required for a ${data.kind} item`);
    if (data.endsAt === undefined) problems.push(`endsAt is required for a ${data.kind} item`);
    if (data.startsAt !== undefined && data.endsAt !== undefined && parseInstant(data.endsAt)! <= parseInstant(data.startsAt)!) problems.push('endsAt must be after startsAt');
  }
  if (data.kind === 'recordedLecture' && data.durationMinutes === undefined) problems.push('durationMinutes is required for a recordedLecture item');
  if (data.kind === 'eActivity' && data.dueAt === undefined) problems.push('dueAt is required for an eActivity item');
  return problems;
}
