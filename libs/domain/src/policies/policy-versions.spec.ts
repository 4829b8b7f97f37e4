import { effectivePolicy, nextPolicyStart, PolicyVersion, startOf, versionInForce } from './policy-versions';

const at = (iso: string) => Date.parse(iso);
let n = 0;
const version = (scope: string, policy: Record<string, unknown>, effectiveFrom: string, recordedAt: string, retroactive = false): PolicyVersion => ({
  version: ++n,
  scope,
  policy,
  effectiveFrom,
  recordedAt: at(recordedAt),
  retroactive,
  by: { role: 'admin', subject: 'admin' },
  reason: 'test',
});
const section = { termId: '1448-1', level: 'online', college: 'engineering', overrides: {} };

describe('policy versions and scopes', () => {
  it('a version counts from its effectiveFrom, but not before it was recorded unless it is retroactive', () => {
    expect(startOf(version('institution', {}, '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'))).toBe(at('2026-10-01T00:00:00Z'));
    expect(startOf(version('institution', {}, '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z', true))).toBe(at('2026-09-01T00:00:00Z'));
    expect(startOf(version('institution', {}, '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z'))).toBe(at('2026-11-01T00:00:00Z'));
  });

  it('the version of a scope in force is the one started last by then; a later recorded one wins a tie', () => {
    const a = version('institution', { thresholdPercent: 75 }, '2026-09-01T00:00:00Z', '2026-08-01T00:00:00Z');
    const b = version('institution', { thresholdPercent: 80 }, '2026-10-01T00:00:00Z', '2026-08-01T00:00:00Z');
    const c = version('institution', { thresholdPercent: 85 }, '2026-10-01T00:00:00Z', '2026-08-02T00:00:00Z');
    expect(versionInForce([a, b, c], 'institution', at('2026-08-15T00:00:00Z'))).toBeUndefined();
    expect(versionInForce([a, b, c], 'institution', at('2026-09-15T00:00:00Z'))).toBe(a);
    expect(versionInForce([c, b, a], 'institution', at('2026-10-15T00:00:00Z'))).toBe(c);
    expect(versionInForce([a, b, c], 'term:1448-1', at('2026-10-15T00:00:00Z'))).toBeUndefined();
  });

  it('each setting comes from the most specific scope that sets it: institution, term, level, college, then the section', () => {
    const versions = [
      version('institution', { thresholdPercent: 80, graceMinutes: 5, noticeDelayMinutes: 30 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      version('term:1448-1', { graceMinutes: 10 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      version('level:online', { thresholdPercent: 70 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      version('college:engineering', { noticeDelayMinutes: 0 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      version('college:medicine', { thresholdPercent: 90 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ];
    const effective = effectivePolicy(versions, { ...section, overrides: { graceMinutes: 15 } }, at('2026-10-01T00:00:00Z'));
    expect(effective.policy).toMatchObject({ thresholdPercent: 70, graceMinutes: 15, noticeDelayMinutes: 0, minPresencePercent: 50 });
    expect(effective.versions.map((v) => v.scope)).toEqual(['institution', 'term:1448-1', 'level:online', 'college:engineering']);
    expect(effective.sectionOverrides).toBe(true);
    // Without versions: the rules' defaults and the section's own.
    expect(effectivePolicy([], section, at('2026-10-01T00:00:00Z')).policy.thresholdPercent).toBe(75);
  });

  it('a candidate replaces its scope\'s version (what-if), and the same candidate as in force changes nothing', () => {
    const inForce = version('institution', { thresholdPercent: 75 }, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    const now = at('2026-10-01T00:00:00Z');
    expect(effectivePolicy([inForce], section, now, { scope: 'institution', policy: { thresholdPercent: 80 } }).policy.thresholdPercent).toBe(80);
    expect(effectivePolicy([inForce], section, now, { scope: 'institution', policy: { thresholdPercent: 75 } }).policy).toEqual(effectivePolicy([inForce], section, now).policy);
  });

  it('says when the next version starts to count for a section, so statuses are looked at again then', () => {
    const later = version('term:1448-1', { thresholdPercent: 80 }, '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z');
    const elsewhere = version('term:1447-2', { thresholdPercent: 80 }, '2026-10-15T00:00:00Z', '2026-10-01T00:00:00Z');
    expect(nextPolicyStart([later, elsewhere], section, at('2026-10-02T00:00:00Z'))).toBe(at('2026-11-01T00:00:00Z'));
    expect(nextPolicyStart([later], section, at('2026-11-02T00:00:00Z'))).toBeUndefined();
  });
});
