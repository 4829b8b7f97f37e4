import type { CaliperSource } from '../caliper';

/**
 * `urn:instructure:canvas:user:21070000000000001` → `21070000000000001`, so the Caliper format
 * names users, assignments and quizzes by the same global ids as the Canvas format.
 */
export function canvasEntityId(iri: string): string {
  const match = /^urn:instructure:canvas:[A-Za-z]+:([^:]+)$/.exec(iri);
  return match ? match[1] : iri;
}

export const CANVAS_CALIPER: CaliperSource = { platform: 'canvas', idOf: canvasEntityId, userIdOf: canvasEntityId };
