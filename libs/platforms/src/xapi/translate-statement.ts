import type { PlatformFact, Translation } from '../platform-fact';
import { isPlainObject, isTimestamp, isUuid, timestampMs } from './formats';
import { statementActor } from './statement-actor';
import { statementFingerprint } from './statement-fingerprint';
import { MeaningRule, StatementMeaning, standardMeaning, verbIdOf } from './statement-meaning';

export interface TranslateStatementOptions {
  /** When the statement arrived (ms): its time when it has no timestamp, as an LRS would set it. */
  receivedAtMs: number;
  /** Rules tried before the standard mapping, for a source's own verbs (Moodle's logstore_xapi). */
  extraRules?: MeaningRule[];
}

/**
 * The fact one xAPI statement carries, if any. Expects a statement that validateStatement
 * accepts; throws a plain Error only when it lacks what any fact needs (verb, object).
 */
export function translateStatement(statement: unknown, options: TranslateStatementOptions): Translation {
  if (!isPlainObject(statement)) throw new Error('xAPI statement must be a JSON object');
  const verb = verbIdOf(statement);
  if (!verb) throw new Error('xAPI statement verb.id is missing');
  if (!isPlainObject(statement.object)) throw new Error('xAPI statement object is missing');
  const id = statementFactId(statement);
  const event = `${id} ${verb}`;
  const meaning = meaningOf(statement, options.extraRules ?? []);
  if ('ignore' in meaning) return { facts: [], ignored: [{ event, reason: meaning.ignore }] };
  const actor = statementActor(statement.actor);
  if (!actor) return { facts: [], ignored: [{ event, reason: 'the actor has no account or mbox to match a student by' }] };
  const fact: PlatformFact = { id, ...meaning, occurredAt: occurredAt(statement, options.receivedAtMs), platform: 'xapi', actor };
  return { facts: [fact], ignored: [] };
}

function meaningOf(statement: Record<string, unknown>, extraRules: MeaningRule[]): StatementMeaning {
  for (const rule of extraRules) {
    const meaning = rule(statement);
    if (meaning) return meaning;
  }
  return standardMeaning(statement);
}

/** A batch, as POST /statements takes it: one Translation for all. */
export function translateStatements(statements: unknown[], options: TranslateStatementOptions): Translation {
  const translations = statements.map((statement) => translateStatement(statement, options));
  return { facts: translations.flatMap((t) => t.facts), ignored: translations.flatMap((t) => t.ignored) };
}

/** The statement's content fingerprint, whatever its id: a resend under another id is the same fact. */
export function statementFactId(statement: Record<string, unknown>): string {
  return `xapi:sha256:${statementFingerprint(statement)}`;
}

function occurredAt(statement: Record<string, unknown>, receivedAtMs: number): string {
  if (statement.timestamp === undefined) return new Date(receivedAtMs).toISOString();
  if (!isTimestamp(statement.timestamp)) throw new Error('xAPI statement timestamp is not an ISO 8601 date-time');
  return new Date(timestampMs(statement.timestamp)).toISOString();
}
