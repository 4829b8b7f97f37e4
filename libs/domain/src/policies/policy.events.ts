import { Static, Type } from '@sinclair/typebox';
import { checker, Instant, Text } from '../schema';

/** Where a policy version applies: the whole institution, or one term, college or level. */
export const POLICY_SCOPE_KINDS = ['institution', 'term', 'level', 'college'] as const;
export type PolicyScopeKind = (typeof POLICY_SCOPE_KINDS)[number];

const PolicySetSchema = Type.Object({
  /** "institution", or "term:<termId>", "level:<level>", "college:<college>". */
  scope: Type.String({ minLength: 1 }),
  policy: Type.Record(Type.String(), Type.Unknown()),
  effectiveFrom: Instant(),
  /** Applies before it was recorded too (as-of answers for those dates change): registrar or admin only. */
  retroactive: Type.Boolean(),
  by: Type.Object({ role: Type.String(), subject: Type.String() }),
  reason: Text(2000, 1),
});
/** A version of the policy of one scope, with who set it and why. */
export type PolicySet = Static<typeof PolicySetSchema>;
export const POLICY_SET = 'PolicySet';
/** Every scope's versions in one stream: few, and read together. */
export const POLICIES_STREAM = 'policies';

export const POLICY_EVENT_SCHEMAS = { [POLICY_SET]: checker(PolicySetSchema) } as const;

/** A scope as written in a path: "institution", "term:1448-1", "level:online", "college:engineering". */
export function parseScope(scope: string): { kind: PolicyScopeKind; id?: string } | undefined {
  if (scope === 'institution') return { kind: 'institution' };
  const at = scope.indexOf(':');
  const kind = scope.slice(0, at) as PolicyScopeKind;
  const id = scope.slice(at + 1);
  return at > 0 && POLICY_SCOPE_KINDS.includes(kind) && kind !== 'institution' && id !== '' ? { kind, id } : undefined;
}
