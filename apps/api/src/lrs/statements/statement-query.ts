import { BadRequestException } from '@nestjs/common';
import { isTimestamp, isUuid, timestampMs } from '@attendance/platforms/xapi/formats';
import { parseAgentParameter } from '@attendance/platforms/xapi';
import type { StatementQuery } from '../../projection/xapi-statement-index';

/** The most a page holds, and what it holds when `limit` is 0 or absent. */
export const PAGE_LIMIT = 100;

const PARAMETERS = ['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'cursor'];
const WITH_AN_ID = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);

export function parseStatementQuery(query: Record<string, string>): StatementQuery {
  for (const name of Object.keys(query)) if (!PARAMETERS.includes(name)) throw new BadRequestException(`${name}: is not a parameter of the statement resource`);
  if (query.statementId !== undefined && query.voidedStatementId !== undefined) throw new BadRequestException('statementId: cannot be given with voidedStatementId');
  const single = query.statementId ?? query.voidedStatementId;
  if (single !== undefined) {
    const name = query.statementId !== undefined ? 'statementId' : 'voidedStatementId';
    for (const other of Object.keys(query)) if (!WITH_AN_ID.has(other)) throw new BadRequestException(`${other}: cannot be given with ${name}`);
    if (!isUuid(single)) throw new BadRequestException(`${name}: must be a UUID`);
  }
  const parsed: StatementQuery = {
    statementId: query.statementId?.toLowerCase(),
    voidedStatementId: query.voidedStatementId?.toLowerCase(),
    relatedActivities: flag(query, 'related_activities'),
    relatedAgents: flag(query, 'related_agents'),
    attachments: flag(query, 'attachments'),
    ascending: flag(query, 'ascending'),
    limit: limitOf(query.limit),
    format: formatOf(query.format),
  };
  if (query.agent !== undefined) {
    const agent = parseAgentParameter(query.agent);
    if ('problem' in agent) throw new BadRequestException(agent.problem);
    parsed.agent = agent.key;
  }
  if (query.verb !== undefined) parsed.verb = iri(query.verb, 'verb');
  if (query.activity !== undefined) parsed.activity = iri(query.activity, 'activity');
  if (query.registration !== undefined) {
    if (!isUuid(query.registration)) throw new BadRequestException('registration: must be a UUID');
    parsed.registration = query.registration.toLowerCase();
  }
  if (query.since !== undefined) parsed.since = time(query.since, 'since');
  if (query.until !== undefined) parsed.until = time(query.until, 'until');
  if (query.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(query.cursor)) throw new BadRequestException('cursor: is not one this LRS gave');
    parsed.after = Number(query.cursor);
  }
  return parsed;
}

function flag(query: Record<string, string>, name: string): boolean {
  const value = query[name];
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw new BadRequestException(`${name}: must be true or false`);
  return value === 'true';
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return PAGE_LIMIT;
  if (!/^\d+$/.test(value)) throw new BadRequestException('limit: must be a whole number');
  const limit = Number(value);
  return limit === 0 || limit > PAGE_LIMIT ? PAGE_LIMIT : limit;
}

function formatOf(value: string | undefined): StatementQuery['format'] {
  if (value === undefined) return 'exact';
  if (value !== 'exact' && value !== 'ids' && value !== 'canonical') throw new BadRequestException('format: must be exact, ids or canonical');
  return value;
}

function iri(value: string, name: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) throw new BadRequestException(`${name}: must be an IRI`);
  return value;
}

function time(value: string, name: string): number {
  if (!isTimestamp(value)) throw new BadRequestException(`${name}: must be an ISO 8601 timestamp`);
  return timestampMs(value);
}

