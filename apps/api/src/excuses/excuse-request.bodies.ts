import { Id, OneOf, StrictObject, Text } from '@attendance/domain';
import { Type } from '@sinclair/typebox';

/** The bodies of the excuse requests' commands, as schemas. */

export const ExcuseRequestBody = StrictObject({
  studentId: Id(),
  itemIds: Type.Array(Id(), { minItems: 1, maxItems: 1000 }),
  reason: Text(2000, 1),
  /** Documents uploaded first with POST /students/{studentId}/documents. */
  documentIds: Type.Optional(Type.Array(Id(), { maxItems: 10 })),
});

const Decision = {
  decision: OneOf(['accept', 'reject', 'forward'] as const),
  /** Why: required to reject; a note with an acceptance or for the college when forwarding, kept on the step. */
  reason: Type.Optional(Text(2000, 1)),
};
export const DecisionBody = StrictObject(Decision);
export const DecisionsBody = StrictObject({ decisions: Type.Array(StrictObject({ requestId: Id(), ...Decision }), { minItems: 1, maxItems: 500 }) });

export const ReasonBody = StrictObject({ reason: Text(2000, 1) });

export const REQUEST_STATES = ['submitted', 'forwarded', 'accepted', 'rejected', 'revoked', 'pending'] as const;
