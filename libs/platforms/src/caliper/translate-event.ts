import type { PlatformFact, Translation } from '../platform-fact';
import { CaliperSource } from './caliper-source';
import { entityIri, isAnonymous } from './entity';
import { eventMeaning } from './event-meaning';

const REQUIRED = ['id', 'type', 'actor', 'action', 'object', 'eventTime'];

/** One Caliper event (an item of an envelope's data, at `path`) as the fact it carries. */
export function translateCaliperEvent(event: Record<string, unknown>, path: string, source: CaliperSource): Translation {
  for (const field of REQUIRED) if (event[field] === undefined) throw new Error(`Caliper event ${path}.${field} is required`);
  if (typeof event.id !== 'string' || !event.id.startsWith('urn:uuid:')) throw new Error(`Caliper event ${path}.id must be a urn:uuid`);
  const occurredAtMs = typeof event.eventTime === 'string' ? Date.parse(event.eventTime) : NaN;
  if (Number.isNaN(occurredAtMs)) throw new Error(`Caliper event ${path}.eventTime is not a date-time`);
  const actorIri = entityIri(event.actor);
  if (!actorIri) throw new Error(`Caliper event ${path}.actor has no id`);

  const label = `${event.id} ${event.type} ${event.action}`;
  if (isAnonymous(actorIri)) return { facts: [], ignored: [{ event: label, reason: 'anonymous actor' }] };
  const meaning = eventMeaning(event);
  if ('ignore' in meaning) return { facts: [], ignored: [{ event: label, reason: meaning.ignore }] };
  if (!meaning.activity && !meaning.course) throw new Error(`Caliper event ${path}.object has no id`);

  const fact: PlatformFact = {
    id: `${source.platform}:${event.id}`,
    type: meaning.type,
    occurredAt: new Date(occurredAtMs).toISOString(),
    platform: source.platform,
    ...(meaning.activity ? { activity: source.idOf(meaning.activity) } : {}),
    ...(meaning.course ? { course: source.idOf(meaning.course) } : {}),
    actor: { userId: source.userIdOf(actorIri) },
    ...(meaning.progress !== undefined ? { progress: meaning.progress } : {}),
  };
  return { facts: [fact], ignored: [] };
}
