import type { Translation } from '../platform-fact';
import { CaliperSource, PLAIN_CALIPER } from './caliper-source';
import { readCaliperEnvelope } from './envelope';
import { translateCaliperEvent } from './translate-event';

/**
 * The facts of a Caliper envelope. Throws UnsupportedCaliperVersionError (answer 422) for a
 * dataVersion other than v1p1/v1p2, and a plain Error naming the field for a malformed one.
 */
export function translateCaliperEnvelope(json: unknown, source: CaliperSource = PLAIN_CALIPER): Translation {
  const { data } = readCaliperEnvelope(json);
  const translation: Translation = { facts: [], ignored: [] };
  data.forEach((item, i) => {
    const path = `data[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`Caliper envelope ${path} must be an object`);
    const entry = item as Record<string, unknown>;
    if (entry.action === undefined && !String(entry.type ?? '').endsWith('Event')) {
      translation.ignored.push({ event: `${entry.id} ${entry.type}`, reason: 'an entity describe, not an event' });
      return;
    }
    const { facts, ignored } = translateCaliperEvent(entry, path, source);
    translation.facts.push(...facts);
    translation.ignored.push(...ignored);
  });
  return translation;
}
