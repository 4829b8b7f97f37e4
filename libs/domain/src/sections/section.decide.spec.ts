import { evaluateEnrollment, resolvePolicy } from '@attendance/rules';
import * as decide from './section.decide';
import { emptySectionState, evolveSection, isActive, SectionState } from './section-state';
import type { SectionDefined, SectionEvent } from './section.events';
import { SectionRuleViolation } from './section-rule-violation';

/**
 * A section's decisions, given what happened before and when a command comes, then the events it
 * decides or the rule it breaks — without the service (Emmett's decider specifications).
 */
function given(...events: SectionEvent[]) {
  const state = events.reduce<SectionState>((s, e, i) => evolveSection(s, e, Date.parse('2026-09-01T00:00:00Z') + i), emptySectionState());
  return {
    state,
    when: (command: (state: SectionState) => SectionEvent[]) => ({
      then: (expected: SectionEvent[]) => expect(command(state)).toEqual(expected),
      thenRefused: (kind: SectionRuleViolation['kind'], message: string | RegExp) => {
        const refusal = (() => {
          try {
            command(state);
          } catch (error) {
            return error;
          }
          throw new Error('the command was not refused');
        })() as SectionRuleViolation;
        expect(refusal).toBeInstanceOf(SectionRuleViolation);
        expect(refusal.kind).toBe(kind);
        expect(refusal.message).toMatch(message);
      },
    }),
  };
}

const definition: SectionDefined = { sectionId: 'S1', termId: 'T', courseCode: 'C', level: 'online', timezone: 'Asia/Riyadh', instructors: ['dr-a'], policy: {} };
const defined: SectionEvent = { type: 'SectionDefined', data: definition };
const enrolled: SectionEvent = { type: 'StudentEnrolled', data: { sectionId: 'S1', studentId: 'st1', enrolledAt: '2026-09-01T00:00:00Z' } };
const activity = (itemId: string, dueAt: string): SectionEvent => ({ type: 'ItemScheduled', data: { sectionId: 'S1', itemId, kind: 'eActivity', dueAt } });

describe('a section, decided from its own events', () => {
  it('is defined when its level, time zone and policy make sense, and refused naming the setting when not', () => {
    given().when((s) => decide.defineSection(s, definition)).then([defined]);
    given().when((s) => decide.defineSection(s, { ...definition, level: 'blended' })).thenRefused('invalid', /inPersonSharePercent is required/);
    given().when((s) => decide.defineSection(s, { ...definition, timezone: 'Mars/Olympus' })).thenRefused('invalid', /timezone "Mars\/Olympus"/);
    given().when((s) => decide.defineSection(s, { ...definition, policy: { noticeDelayMinutes: -1 } })).thenRefused('invalid', /policy.noticeDelayMinutes/);
  });

  it('enrolls a student once: the same enrollment again decides nothing, a later one enrolls again', () => {
    given().when((s) => decide.enroll(s, 'S1', 'st1', '2026-09-01T00:00:00Z')).thenRefused('not-found', 'section S1 does not exist');
    given(defined).when((s) => decide.enroll(s, 'S1', 'st1', '2026-09-01T00:00:00Z')).then([enrolled]);
    given(defined, enrolled).when((s) => decide.enroll(s, 'S1', 'st1', '2026-09-01T00:00:00Z')).then([]);
    given(defined, enrolled)
      .when((s) => decide.enroll(s, 'S1', 'st1', '2026-09-10T00:00:00Z'))
      .then([{ type: 'StudentEnrolled', data: { sectionId: 'S1', studentId: 'st1', enrolledAt: '2026-09-10T00:00:00Z' } }]);
  });

  it('drops only an enrolled student, and a dropped student is no longer active', () => {
    given(defined).when((s) => decide.drop(s, 'S1', 'st1', '2026-09-02T00:00:00Z')).thenRefused('not-found', 'student st1 is not enrolled');
    const dropped: SectionEvent = { type: 'StudentDropped', data: { sectionId: 'S1', studentId: 'st1', droppedAt: '2026-09-02T00:00:00Z' } };
    given(defined, enrolled).when((s) => decide.drop(s, 'S1', 'st1', '2026-09-02T00:00:00Z')).then([dropped]);
    expect(isActive(given(defined, enrolled, dropped).state.enrollments.get('st1'))).toBe(false);
  });

  it('schedules items with the times their kind needs, and cancels each once', () => {
    given(defined).when((s) => decide.scheduleItem(s, { sectionId: 'S1', itemId: 'vc1', kind: 'virtualClass', startsAt: '2026-09-06T09:00:00Z', endsAt: '2026-09-06T08:00:00Z' })).thenRefused('invalid', 'endsAt must be after startsAt');
    given(defined).when((s) => decide.scheduleItem(s, { sectionId: 'S1', itemId: 'ea1', kind: 'eActivity' })).thenRefused('invalid', 'dueAt is required');
    given(defined).when((s) => decide.scheduleItem(s, activity('ea1', '2026-09-10T00:00:00Z').data as never)).then([activity('ea1', '2026-09-10T00:00:00Z')]);
    const cancelled: SectionEvent = { type: 'ItemCancelled', data: { sectionId: 'S1', itemId: 'ea1' } };
    given(defined, activity('ea1', '2026-09-10T00:00:00Z')).when((s) => decide.cancelItem(s, 'S1', 'ea1')).then([cancelled]);
    given(defined, activity('ea1', '2026-09-10T00:00:00Z'), cancelled).when((s) => decide.cancelItem(s, 'S1', 'ea1')).then([]);
  });

  it('records excuses and corrections only for an enrolled student and items that exist', () => {
    const excuse = { sectionId: 'S1', studentId: 'st1', itemIds: ['ea1'], reason: 'illness', decidedBy: 'council', recordedBy: 'registrar:r' };
    given(defined, enrolled).when((s) => decide.recordExcuse(s, excuse)).thenRefused('not-found', 'item ea1 does not exist');
    given(defined, enrolled, activity('ea1', '2026-09-10T00:00:00Z')).when((s) => decide.recordExcuse(s, excuse)).then([{ type: 'ExcuseRecorded', data: excuse }]);
    const correction = { sectionId: 'S1', studentId: 'st2', itemId: 'ea1', outcome: 'present' as const, reason: 'log', correctedBy: 'faculty:dr-a' };
    given(defined, enrolled, activity('ea1', '2026-09-10T00:00:00Z')).when((s) => decide.recordCorrection(s, correction)).thenRefused('not-found', 'student st2 is not enrolled');
  });

  it('grants a waiver within the floor and refuses one beyond it, saying by how much (I10)', () => {
    const events = [defined, enrolled, activity('a1', '2026-09-05T00:00:00Z'), activity('a2', '2026-09-06T00:00:00Z'), activity('a3', '2026-09-07T00:00:00Z'), activity('a4', '2026-09-08T00:00:00Z')];
    const { state } = given(...events);
    const standing = (absentOf: number) =>
      evaluateEnrollment({
        section: state.section!,
        policy: resolvePolicy(),
        items: [...state.items.values()],
        enrollment: state.enrollments.get('st1')!,
        facts: [...state.items.keys()].slice(absentOf).map((itemId, i) => ({ id: `f${i}`, type: 'e-activity.submitted', itemId, studentId: 'st1', occurredAt: Date.parse('2026-09-01T00:00:00Z') })),
        excuses: [],
        corrections: [],
        waivers: [],
        attendanceTaken: new Set(),
        now: Date.parse('2026-10-01T00:00:00Z'),
      });
    const waiver = { sectionId: 'S1', studentId: 'st1', decidedBy: 'council', reason: 'illness' };
    given(...events).when((s) => decide.grantWaiver(s, waiver, standing(2))).then([{ type: 'WaiverGranted', data: waiver }]);
    given(...events).when((s) => decide.grantWaiver(s, waiver, standing(3))).thenRefused('unprocessable', 'eActivity absence 75% is beyond the waiver floor of 50%');
  });

  it('finalizes once, and reopens only what is finalized', () => {
    const finalized: SectionEvent = { type: 'EligibilityFinalized', data: { sectionId: 'S1', by: 'reg', reason: 'term end' } };
    given(defined).when((s) => decide.finalize(s, 'S1', 'reg', 'term end')).then([finalized]);
    given(defined, finalized).when((s) => decide.finalize(s, 'S1', 'reg')).thenRefused('conflict', 'already finalized');
    given(defined).when((s) => decide.reopen(s, 'S1', 'reg')).thenRefused('conflict', 'is not finalized');
    given(defined, finalized)
      .when((s) => decide.reopen(s, 'S1', 'reg', 'appeal'))
      .then([{ type: 'EligibilityReopened', data: { sectionId: 'S1', by: 'reg', reason: 'appeal' } }]);
  });
});

describe('an excuse request, decided from the section\'s events (R7)', () => {
  const requested: SectionEvent = {
    type: 'ExcuseRequested',
    data: { sectionId: 'S1', requestId: 'r1', studentId: 'st1', itemIds: ['a1'], reason: 'medical', documents: [], requestedBy: 'student:st1', requestedAt: '2026-09-02T00:00:00Z' },
  };
  const forwarded: SectionEvent = { type: 'ExcuseRequestForwarded', data: { sectionId: 'S1', requestId: 'r1', studentId: 'st1', by: 'department:cs', at: '2026-09-03T00:00:00Z' } };
  const setup = [defined, enrolled, activity('a1', '2026-09-05T00:00:00Z'), requested];
  const oneCouncil = resolvePolicy();
  const twoCouncils = resolvePolicy({ excuseCouncils: 'department-and-college' });
  const AT = '2026-09-04T00:00:00Z';

  it('is accepted by the department as an excuse named by the request', () => {
    given(...setup)
      .when((s) => decide.decideExcuseRequest(s, 'r1', 'department', 'department:cs', { decision: 'accept' }, oneCouncil, AT))
      .then([{ type: 'ExcuseRecorded', data: { sectionId: 'S1', studentId: 'st1', itemIds: ['a1'], reason: 'medical', decidedBy: 'department:cs', recordedBy: 'department:cs', excuseId: 'r1', requestId: 'r1' } }]);
  });

  it('waits for the college when the policy asks for both councils: the department forwards, and the college alone accepts', () => {
    given(...setup).when((s) => decide.decideExcuseRequest(s, 'r1', 'department', 'department:cs', { decision: 'accept' }, twoCouncils, AT)).thenRefused('conflict', /forward/);
    given(...setup).when((s) => decide.decideExcuseRequest(s, 'r1', 'college', 'college:sci', { decision: 'accept' }, twoCouncils, AT)).thenRefused('conflict', /waits for the department council/);
    given(...setup, forwarded).when((s) => decide.decideExcuseRequest(s, 'r1', 'department', 'department:cs', { decision: 'reject', reason: 'x' }, twoCouncils, AT)).thenRefused('conflict', /waits for the college council/);
    given(...setup, forwarded).when((s) => decide.decideExcuseRequest(s, 'r1', 'college', 'college:sci', { decision: 'forward' }, twoCouncils, AT)).thenRefused('conflict', /last/);
    given(...setup, forwarded)
      .when((s) => decide.decideExcuseRequest(s, 'r1', 'college', 'college:sci', { decision: 'reject', reason: 'no report' }, twoCouncils, AT))
      .then([{ type: 'ExcuseRequestRejected', data: { sectionId: 'S1', requestId: 'r1', studentId: 'st1', council: 'college', by: 'college:sci', reason: 'no report', at: AT } }]);
  });

  it('keeps every step, and a revoked excuse leaves the items as they were recorded', () => {
    const accepted: SectionEvent = { type: 'ExcuseRecorded', data: { sectionId: 'S1', studentId: 'st1', itemIds: ['a1'], reason: 'medical', decidedBy: 'department:cs', recordedBy: 'department:cs', excuseId: 'r1', requestId: 'r1' } };
    const revoked: SectionEvent = { type: 'ExcuseRevoked', data: { sectionId: 'S1', studentId: 'st1', excuseId: 'r1', reason: 'forged', by: 'department:cs' } };
    const { state } = given(...setup, accepted, revoked);
    expect(state.excuses).toEqual([]);
    expect(state.excuseRequests.get('r1')!.steps.map((s) => [s.step, s.reason])).toEqual([['submitted', undefined], ['accepted', undefined], ['revoked', 'forged']]);
    given(...setup, accepted, revoked).when((s) => decide.revokeExcuse(s, 'r1', 'department:cs', 'again')).thenRefused('conflict', /revoked/);
    given(...setup).when((s) => decide.revokeExcuse(s, 'r1', 'department:cs', 'early')).thenRefused('conflict', /only an accepted excuse/);
  });

  it('is refused for an item already waiting in another request, or already excused', () => {
    const again = { ...(requested.data as object), requestId: 'r2' } as Extract<SectionEvent, { type: 'ExcuseRequested' }>['data'];
    given(...setup).when((s) => decide.requestExcuse(s, again)).thenRefused('conflict', /itemIds: item a1 is already in request r1/);
    given(defined, enrolled, activity('a1', '2026-09-05T00:00:00Z')).when((s) => decide.requestExcuse(s, { ...again, itemIds: ['nope'] })).thenRefused('not-found', /itemIds: item nope/);
  });
});
