import { BadRequestException } from '@nestjs/common';
import type { XapiDocumentScope } from '@attendance/domain';
import { parseAgentParameter } from '@attendance/platforms/xapi';
import { isIri, isTimestamp, isUuid, timestampMs } from '@attendance/platforms/xapi/formats';
import type { DocumentResourceSpec } from './document-scope';

/** What a request to a document resource names: the scope, maybe one document, maybe `since`. */
export interface DocumentAddress {
  scope: XapiDocumentScope;
  documentId?: string;
  /** `since` in milliseconds since the epoch. */
  sinceMs?: number;
}

/** Reads the query of a document request; a missing or malformed parameter is a 400 that names it. */
export function documentAddress(spec: DocumentResourceSpec, query: Record<string, string>): DocumentAddress {
  const known = parametersOf(spec);
  const unknown = Object.keys(query).find((name) => !known.includes(name));
  if (unknown !== undefined) throw new BadRequestException(`${unknown}: is not a parameter of the ${spec.path} resource (it takes ${known.join(', ')})`);
  const scope: XapiDocumentScope = { resource: spec.resource };
  if (spec.activityId) {
    const activityId = query.activityId;
    if (activityId === undefined || activityId === '') throw new BadRequestException('activityId: is required');
    if (!isIri(activityId)) throw new BadRequestException('activityId: must be an IRI');
    scope.activityId = activityId;
  }
  if (spec.agent) {
    const parsed = parseAgentParameter(query.agent, 'agent');
    if ('problem' in parsed) throw new BadRequestException(parsed.problem);
    scope.agent = parsed.key;
  }
  if (spec.registration && query.registration !== undefined) {
    if (!isUuid(query.registration)) throw new BadRequestException('registration: must be a UUID');
    scope.registration = query.registration.toLowerCase();
  }
  const address: DocumentAddress = { scope };
  const documentId = query[spec.idParameter];
  if (documentId !== undefined) {
    if (documentId === '') throw new BadRequestException(`${spec.idParameter}: must not be empty`);
    address.documentId = documentId;
  }
  if (query.since !== undefined) {
    if (!isTimestamp(query.since)) throw new BadRequestException('since: must be a timestamp (ISO 8601)');
    address.sinceMs = timestampMs(query.since);
  }
  return address;
}

const parametersOf = (spec: DocumentResourceSpec): string[] => [
  ...(spec.activityId ? ['activityId'] : []),
  ...(spec.agent ? ['agent'] : []),
  ...(spec.registration ? ['registration'] : []),
  spec.idParameter,
  'since',
];

/** The document's id, which PUT, POST and a single DELETE need. */
export function requireDocumentId(spec: DocumentResourceSpec, address: DocumentAddress): string {
  if (address.documentId === undefined) throw new BadRequestException(`${spec.idParameter}: is required`);
  return address.documentId;
}
