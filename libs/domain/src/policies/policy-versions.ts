import type { Policy } from '@attendance/rules';
import { resolvePolicy } from '@attendance/rules';
import type { PolicySet } from './policy.events';

/** A stored policy version: its number (its place in the policies stream, from 1) and when it was recorded. */
export interface PolicyVersion extends PolicySet {
  version: number;
  recordedAt: number;
}

/** What a section's policy depends on: its term, level and college, and its own overrides. */
export interface PolicySubject {
  termId: string;
  level: string;
  college?: string;
  overrides: Partial<Policy>;
}

/** The scopes that apply to a section, least specific first: each sets what the ones before it left. */
export const scopesOf = (s: PolicySubject): string[] => ['institution', `term:${s.termId}`, `level:${s.level}`, ...(s.college ? [`college:${s.college}`] : [])];

/**
 * When a version starts to count: a retroactive one from its effectiveFrom; any other not before
 * it was recorded, so answers about earlier dates stay as they were given.
 */
export const startOf = (v: PolicyVersion): number => (v.retroactive ? Date.parse(v.effectiveFrom) : Math.max(Date.parse(v.effectiveFrom), v.recordedAt));

/** The version of one scope in force at `at`: the one started last by then (a later-recorded one wins a tie). */
export function versionInForce(versions: PolicyVersion[], scope: string, at: number): PolicyVersion | undefined {
  let found: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.scope !== scope || startOf(v) > at) continue;
    if (!found || startOf(v) > startOf(found) || (startOf(v) === startOf(found) && v.version > found.version)) found = v;
  }
  return found;
}

/** The policy a section answers with at `at`, and the versions that made it, least specific first. */
export interface EffectivePolicy {
  policy: Policy;
  versions: Array<{ scope: string; version: number; retroactive: boolean }>;
  /** Whether the section's own overrides took part. */
  sectionOverrides: boolean;
}

/**
 * A section's policy at `at`: the rules' defaults, then for each setting the value of the most
 * specific scope in force that sets it (institution, then term, level, college), then the
 * section's own overrides. `candidate` replaces one scope's version (what-if).
 */
export function effectivePolicy(versions: PolicyVersion[], subject: PolicySubject, at: number, candidate?: { scope: string; policy: Partial<Policy> }): EffectivePolicy {
  const layers: Partial<Policy>[] = [];
  const used: EffectivePolicy['versions'] = [];
  for (const scope of scopesOf(subject)) {
    if (candidate?.scope === scope) {
      layers.push(candidate.policy);
      continue;
    }
    const v = versionInForce(versions, scope, at);
    if (!v) continue;
    layers.push(v.policy as Partial<Policy>);
    used.push({ scope, version: v.version, retroactive: v.retroactive });
  }
  const own = candidate?.scope === 'section' ? candidate.policy : subject.overrides;
  layers.push(own);
  return { policy: resolvePolicy(Object.assign({}, ...layers)), versions: used, sectionOverrides: Object.keys(own).length > 0 };
}

/** The first moment after `now` at which a version starts to count for this section, if any (a status must be looked at again then). */
export function nextPolicyStart(versions: PolicyVersion[], subject: PolicySubject, now: number): number | undefined {
  const scopes = new Set(scopesOf(subject));
  let next: number | undefined;
  for (const v of versions) {
    if (!scopes.has(v.scope)) continue;
    const start = startOf(v);
    if (start > now && (next === undefined || start < next)) next = start;
  }
  return next;
}
