import type { PlatformName } from '../platform-fact';

/**
 * Who sent the Caliper events and how its IRIs become the ids items and identities hold.
 * Plain Caliper keeps IRIs as they are; Canvas turns `urn:instructure:canvas:user:42` into `42`
 * so both of its formats name the same user and assignment.
 */
export interface CaliperSource {
  platform: PlatformName;
  /** The platform's id for an object, group or thread IRI. */
  idOf: (iri: string) => string;
  /** The platform's user id for an actor IRI. */
  userIdOf: (iri: string) => string;
}

export const PLAIN_CALIPER: CaliperSource = { platform: 'caliper', idOf: (iri) => iri, userIdOf: (iri) => iri };
