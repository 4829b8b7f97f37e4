import { agentKey } from './agent-key';
import { isPlainObject } from './formats';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** An Agent or an Activity a statement names, and whether only a broad (`related_*`) query finds it by it. */
export interface Reference {
  key: string;
  related: boolean;
}

/** What a statement query can filter a statement by (xAPI 1.0.3 §2.5/§7.2.3). */
export interface StatementReferences {
  verb?: string;
  registration?: string;
  agents: Reference[];
  activities: Reference[];
  /** The statement its object refers to (a StatementRef), if any. */
  target?: string;
  /** Whether it voids its target. */
  voids: boolean;
  /** The Activity definitions it carries, by activity id. */
  definitions: Array<{ id: string; definition: Record<string, unknown> }>;
}

export function statementReferences(statement: Record<string, unknown>): StatementReferences {
  const refs: StatementReferences = { agents: [], activities: [], voids: false, definitions: [] };
  const verb = isPlainObject(statement.verb) && typeof statement.verb.id === 'string' ? statement.verb.id : undefined;
  refs.verb = verb;
  const context = isPlainObject(statement.context) ? statement.context : undefined;
  if (context && typeof context.registration === 'string') refs.registration = context.registration.toLowerCase();
  addActor(refs, statement.actor, false);
  addObject(refs, statement.object, false);
  addContext(refs, context);
  addActor(refs, statement.authority, true);
  const object = isPlainObject(statement.object) ? statement.object : undefined;
  if (object?.objectType === 'StatementRef' && typeof object.id === 'string') {
    refs.target = object.id.toLowerCase();
    refs.voids = verb === VOIDED_VERB;
  }
  return refs;
}

function addActor(refs: StatementReferences, actor: unknown, related: boolean): void {
  const key = agentKey(actor);
  if (key) refs.agents.push({ key, related });
  if (isPlainObject(actor) && Array.isArray(actor.member)) for (const member of actor.member) addActor(refs, member, true);
}

function addObject(refs: StatementReferences, object: unknown, related: boolean): void {
  if (!isPlainObject(object)) return;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity' && typeof object.id === 'string') {
    refs.activities.push({ key: object.id, related });
    if (isPlainObject(object.definition)) refs.definitions.push({ id: object.id, definition: object.definition });
  } else if (type === 'Agent' || type === 'Group') {
    addActor(refs, object, related);
  } else if (type === 'SubStatement') {
    addActor(refs, object.actor, true);
    addObject(refs, object.object, true);
    addContext(refs, isPlainObject(object.context) ? object.context : undefined);
  }
}

function addContext(refs: StatementReferences, context: Record<string, unknown> | undefined): void {
  if (!context) return;
  addActor(refs, context.instructor, true);
  addActor(refs, context.team, true);
  if (!isPlainObject(context.contextActivities)) return;
  for (const activities of Object.values(context.contextActivities)) {
    for (const activity of Array.isArray(activities) ? activities : [activities]) addObject(refs, activity, true);
  }
}
