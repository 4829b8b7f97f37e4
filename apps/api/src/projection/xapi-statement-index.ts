import type { XapiStatementStored } from '@attendance/domain';
import { statementReferences } from '@attendance/platforms/xapi';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/** What GET /statements asks for, read from its parameters (xAPI 1.0.3 §2.1.3). */
export interface StatementQuery {
  statementId?: string;
  voidedStatementId?: string;
  /** The key of an Agent (agentKey). */
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  /** Stored after, and at or before, in ms. */
  since?: number;
  until?: number;
  limit: number;
  format: 'exact' | 'ids' | 'canonical';
  attachments: boolean;
  ascending: boolean;
  /** Where a page given by `more` goes on from: the last position of the page before. */
  after?: number;
}

const SCHEMA = `
  -- The LRS's statements as received, with stored and authority, by position.
  -- voided: voided by a later statement; target: the statement its object refers to (StatementRef).
  CREATE TABLE IF NOT EXISTS xapi_statements (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stored INTEGER NOT NULL, verb TEXT, registration TEXT,
    target TEXT, voids INTEGER NOT NULL, voided INTEGER NOT NULL DEFAULT 0, statement TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS xapi_statements_target ON xapi_statements (target) WHERE target IS NOT NULL;
  CREATE INDEX IF NOT EXISTS xapi_statements_verb ON xapi_statements (verb, position);
  CREATE INDEX IF NOT EXISTS xapi_statements_registration ON xapi_statements (registration, position) WHERE registration IS NOT NULL;
  -- The Agents and Activities each statement names; related = 1 where only a related_* query finds it by them.
  CREATE TABLE IF NOT EXISTS xapi_statement_agents (agent TEXT NOT NULL, position INTEGER NOT NULL, related INTEGER NOT NULL, PRIMARY KEY (agent, position, related)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS xapi_statement_activities (activity TEXT NOT NULL, position INTEGER NOT NULL, related INTEGER NOT NULL, PRIMARY KEY (activity, position, related)) WITHOUT ROWID;
  -- The last definition each Activity was given (the Activities resource).
  CREATE TABLE IF NOT EXISTS xapi_activities (id TEXT PRIMARY KEY, definition TEXT NOT NULL);
`;

/**
 * The statements of the LRS in the read store, with the indexes its queries need: written by the
 * projection as statements are stored, voidings applied whichever of the two came first.
 */
export class XapiStatementIndex {
  private readonly q: Record<string, Statement>;

  constructor(private readonly store: ReadStore) {
    store.db.exec(SCHEMA);
    const db = store.db;
    this.q = {
      insert: db.prepare('INSERT INTO xapi_statements (position, id, stored, verb, registration, target, voids, voided, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      agent: db.prepare('INSERT INTO xapi_statement_agents (agent, position, related) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      activity: db.prepare('INSERT INTO xapi_statement_activities (activity, position, related) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      define: db.prepare('INSERT INTO xapi_activities (id, definition) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition'),
      voidTarget: db.prepare('UPDATE xapi_statements SET voided = 1 WHERE id = ? AND voids = 0'),
      voidedBefore: db.prepare('SELECT 1 FROM xapi_statements WHERE target = ? AND voids = 1 LIMIT 1'),
      byId: db.prepare('SELECT statement, voided FROM xapi_statements WHERE id = ?'),
      definition: db.prepare('SELECT definition FROM xapi_activities WHERE id = ?'),
      knownActivity: db.prepare('SELECT 1 FROM xapi_statement_activities WHERE activity = ? LIMIT 1'),
    };
  }

  /** Applies a stored statement (inside the projection's transaction). */
  apply(event: XapiStatementStored, position: bigint): void {
    const statement = event.statement;
    const refs = statementReferences(statement);
    const id = String(statement.id).toLowerCase();
    // A voiding statement may arrive before the statement it voids.
    const voided = !refs.voids && this.q.voidedBefore.get(id) !== undefined ? 1 : 0;
    const stored = Date.parse(event.stored);
    const kept = JSON.stringify({ statement, stored: event.stored, authority: event.authority });
    const inserted = this.q.insert.run(position, id, stored, refs.verb ?? null, refs.registration ?? null, refs.target ?? null, refs.voids ? 1 : 0, voided, kept);
    if (inserted.changes === 0) return;
    for (const agent of refs.agents) this.q.agent.run(agent.key, position, agent.related ? 1 : 0);
    for (const activity of refs.activities) this.q.activity.run(activity.key, position, activity.related ? 1 : 0);
    for (const { id: activityId, definition } of refs.definitions) {
      const known = this.activityDefinition(activityId);
      this.q.define.run(activityId, JSON.stringify(known ? mergeDefinitions(known, definition) : definition));
    }
    if (refs.voids && refs.target) this.q.voidTarget.run(refs.target);
  }

  /** A statement by id as stored, and whether it was voided. */
  byId(id: string): { statement: Record<string, unknown>; received: Record<string, unknown>; voided: boolean } | undefined {
    const row = this.q.byId.get(id.toLowerCase()) as { statement: string; voided: number } | undefined;
    if (!row) return undefined;
    const kept = JSON.parse(row.statement) as Kept;
    return { statement: answered(kept), received: kept.statement, voided: row.voided === 1 };
  }

  /**
   * The statements a query asks for, newest first (or oldest with `ascending`), voided ones left
   * out; a statement whose object refers to one that matches (a StatementRef) matches too.
   * Answers one page, the position to go on after, and whether there is more.
   */
  query(query: StatementQuery): { statements: Array<Record<string, unknown>>; next?: number } {
    const [matchS, paramsS] = matching('s', query);
    const [matchT, paramsT] = matching('t', query);
    const where = ['s.voided = 0', `(${matchS} OR (s.target IS NOT NULL AND EXISTS (SELECT 1 FROM xapi_statements t WHERE t.id = s.target AND ${matchT})))`];
    const params: unknown[] = [...paramsS, ...paramsT];
    if (query.since !== undefined) where.push('s.stored > ?'), params.push(query.since);
    if (query.until !== undefined) where.push('s.stored <= ?'), params.push(query.until);
    if (query.after !== undefined) where.push(query.ascending ? 's.position > ?' : 's.position < ?'), params.push(query.after);
    const sql = `SELECT s.position, s.statement FROM xapi_statements s WHERE ${where.join(' AND ')} ORDER BY s.position ${query.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = this.store.db.prepare(sql).all(...params, query.limit + 1) as Array<{ position: number; statement: string }>;
    const page = rows.slice(0, query.limit);
    return { statements: page.map((row) => answered(JSON.parse(row.statement))), next: rows.length > query.limit ? page[page.length - 1].position : undefined };
  }

  activityDefinition(id: string): Record<string, unknown> | undefined {
    const row = this.q.definition.get(id) as { definition: string } | undefined;
    return row && JSON.parse(row.definition);
  }

  knowsActivity(id: string): boolean {
    return this.q.knownActivity.get(id) !== undefined;
  }
}

/** A statement as received, with when it was stored and on whose authority. */
type Kept = Pick<XapiStatementStored, 'statement' | 'stored' | 'authority'>;

/** A statement as the LRS answers it: with stored, authority, a version and a timestamp (stored, when it came without one). */
function answered({ statement, stored, authority }: Kept): Record<string, unknown> {
  return { ...statement, timestamp: statement.timestamp ?? stored, stored, authority, version: statement.version ?? '1.0.0' };
}

/** An Activity's definition with what a later statement says of it: language maps and extensions merged, the rest replaced. */
function mergeDefinitions(known: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...known, ...given };
  for (const key of ['name', 'description', 'extensions']) {
    const a = known[key];
    const b = given[key];
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) merged[key] = { ...a, ...b };
  }
  return merged;
}

/** The filters of a query on the statements named `alias`, as SQL and its parameters. */
function matching(alias: string, query: StatementQuery): [string, unknown[]] {
  const clauses = ['1'];
  const params: unknown[] = [];
  if (query.agent !== undefined) {
    clauses.push(`${alias}.position IN (SELECT position FROM xapi_statement_agents WHERE agent = ? AND related <= ?)`);
    params.push(query.agent, query.relatedAgents ? 1 : 0);
  }
  if (query.activity !== undefined) {
    clauses.push(`${alias}.position IN (SELECT position FROM xapi_statement_activities WHERE activity = ? AND related <= ?)`);
    params.push(query.activity, query.relatedActivities ? 1 : 0);
  }
  if (query.verb !== undefined) clauses.push(`${alias}.verb = ?`), params.push(query.verb);
  if (query.registration !== undefined) clauses.push(`${alias}.registration = ?`), params.push(query.registration);
  return [clauses.join(' AND '), params];
}
