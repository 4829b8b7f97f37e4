import { createHash } from 'node:crypto';
import { xapiDocumentsStream, XapiDocumentResource, XapiDocumentScope } from '@attendance/domain';

/** How each document resource is addressed: where it answers, what names its scope, what names one document. */
export interface DocumentResourceSpec {
  resource: XapiDocumentResource;
  /** The path under the LRS, for messages. */
  path: string;
  activityId: boolean;
  agent: boolean;
  /** The state resource's optional `registration`. */
  registration: boolean;
  /** The query parameter naming one document. */
  idParameter: 'stateId' | 'profileId';
  /**
   * Whether a PUT must say which version it replaces (If-Match) or that it makes a new document
   * (If-None-Match: *): the profiles, which several clients share (Communication §3.1). A state
   * document belongs to one client and one learner.
   */
  putNeedsPrecondition: boolean;
  /** Whether DELETE without an id deletes every document of the scope (the state resource only). */
  deleteAll: boolean;
}

export const STATE: DocumentResourceSpec = { resource: 'state', path: 'activities/state', activityId: true, agent: true, registration: true, idParameter: 'stateId', putNeedsPrecondition: false, deleteAll: true };
export const ACTIVITY_PROFILE: DocumentResourceSpec = { resource: 'activity-profile', path: 'activities/profile', activityId: true, agent: false, registration: false, idParameter: 'profileId', putNeedsPrecondition: true, deleteAll: false };
export const AGENT_PROFILE: DocumentResourceSpec = { resource: 'agent-profile', path: 'agents/profile', activityId: false, agent: true, registration: false, idParameter: 'profileId', putNeedsPrecondition: true, deleteAll: false };

/** The stream holding every document of one scope: a hash of the scope's parts, in a fixed order. */
export function scopeStream(scope: XapiDocumentScope): string {
  const key = JSON.stringify([scope.resource, scope.activityId ?? null, scope.agent ?? null, scope.registration ?? null]);
  return xapiDocumentsStream(createHash('sha256').update(key).digest('hex').slice(0, 40));
}
