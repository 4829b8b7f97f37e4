import { isPlainObject } from './formats';

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const INTERACTION_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

/**
 * A statement as a query's `format` asks (xAPI 1.0.3 §2.1.3): `ids` keeps only the identifiers of
 * Agents, Groups, Activities and Verbs; `canonical` keeps one language of every language map, the
 * first the reader accepts (else the first given); `exact` is the statement as stored.
 */
export function formatStatement(statement: Record<string, unknown>, format: 'exact' | 'ids' | 'canonical', languages: string[] = []): Record<string, unknown> {
  if (format === 'exact') return statement;
  return format === 'ids' ? idsOnly(statement) : canonical(statement, languages) as Record<string, unknown>;
}

/** The languages of an Accept-Language header, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

function idsOnly(statement: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...statement };
  if (statement.actor !== undefined) out.actor = actorIds(statement.actor);
  if (isPlainObject(statement.verb)) out.verb = { id: statement.verb.id };
  if (statement.object !== undefined) out.object = objectIds(statement.object);
  if (statement.authority !== undefined) out.authority = actorIds(statement.authority);
  if (isPlainObject(statement.context)) out.context = contextIds(statement.context);
  return out;
}

function actorIds(actor: unknown): unknown {
  if (!isPlainObject(actor)) return actor;
  const out: Record<string, unknown> = { objectType: actor.objectType ?? 'Agent' };
  for (const ifi of IFIS) if (actor[ifi] !== undefined) out[ifi] = actor[ifi];
  if (actor.objectType === 'Group' && Array.isArray(actor.member) && IFIS.every((ifi) => actor[ifi] === undefined)) out.member = actor.member.map(actorIds);
  return out;
}

function objectIds(object: unknown): unknown {
  if (!isPlainObject(object)) return object;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return { id: object.id };
  if (type === 'Agent' || type === 'Group') return actorIds(object);
  if (type === 'SubStatement') return idsOnly(object);
  return object;
}

function contextIds(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...context };
  if (context.instructor !== undefined) out.instructor = actorIds(context.instructor);
  if (context.team !== undefined) out.team = actorIds(context.team);
  if (isPlainObject(context.contextActivities)) {
    out.contextActivities = Object.fromEntries(Object.entries(context.contextActivities).map(([k, list]) => [k, Array.isArray(list) ? list.map(objectIds) : objectIds(list)]));
  }
  return out;
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

function canonical(value: unknown, languages: string[], key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!isPlainObject(value)) return value;
  if (key !== undefined && LANGUAGE_MAP_KEYS.has(key) && Object.values(value).every((v) => typeof v === 'string')) return oneLanguage(value as Record<string, string>, languages);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'extensions' ? v : canonical(v, languages, INTERACTION_LISTS.includes(k) ? undefined : k);
  return out;
}

function oneLanguage(map: Record<string, string>, languages: string[]): Record<string, string> {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  const chosen =
    languages.map((l) => tags.find((t) => t.toLowerCase() === l.toLowerCase())).find(Boolean) ??
    languages.map((l) => tags.find((t) => t.toLowerCase().split('-')[0] === l.toLowerCase().split('-')[0])).find(Boolean) ??
    tags[0];
  return { [chosen]: map[chosen] };
}
