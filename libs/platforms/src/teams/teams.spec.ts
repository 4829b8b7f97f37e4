import { translateTeamsAttendanceReport } from './index';
import { payloadText as fixtureText } from '../../../../test/support/platform-payloads';

const payloadText = (file: string) => fixtureText('teams', file);

/** The onlineMeeting id the import route was given (the report's @odata.context names the same one). */
const MEETING = 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZ';
const FREDERICK = 'dc17674c-81d9-4adb-bfb2-8f6a442e4623';
const LISA = '57caaef9-5ed0-48d5-8862-e5abfa71b3e9';
const summary = (facts: Array<{ type: string; occurredAt: string; actor: { userId?: string } }>) =>
  facts.map((f) => [f.actor.userId, f.type, f.occurredAt]);

describe('translateTeamsAttendanceReport', () => {
  it('meetingAttendanceReport.json: every interval is a join and a leave, times truncated to ms', () => {
    const { facts, ignored } = translateTeamsAttendanceReport(payloadText('meetingAttendanceReport.json'), MEETING);
    expect(ignored).toEqual([]);
    expect(summary(facts)).toEqual([
      [FREDERICK, 'virtual-class.joined', '2021-03-16T18:59:52.278Z'],
      [FREDERICK, 'virtual-class.left', '2021-03-16T19:06:47.721Z'],
      [FREDERICK, 'virtual-class.joined', '2021-03-16T19:09:23.983Z'],
      [FREDERICK, 'virtual-class.left', '2021-03-16T19:16:31.138Z'],
      [FREDERICK, 'virtual-class.joined', '2021-03-16T19:20:27.709Z'],
      [FREDERICK, 'virtual-class.left', '2021-03-16T19:25:37.712Z'],
    ]);
    expect(facts[0]).toEqual({
      id: `teams:${MEETING}:${FREDERICK}:virtual-class.joined:2021-03-16T18:59:52.278Z`,
      type: 'virtual-class.joined',
      occurredAt: '2021-03-16T18:59:52.278Z',
      platform: 'teams',
      activity: MEETING,
      actor: { userId: FREDERICK, email: 'frederick.cormier@contoso.com' },
    });
  });

  it('keeps intervals outside the meeting bounds (the official example is dated months before its meeting)', () => {
    const { facts } = translateTeamsAttendanceReport(JSON.parse(payloadText('meetingAttendanceReport.json')), MEETING);
    expect(facts).toHaveLength(6);
  });

  it('attendanceRecords.list.json: a page of records (value) gives the same kind of facts', () => {
    const { facts, ignored } = translateTeamsAttendanceReport(payloadText('attendanceRecords.list.json'), MEETING);
    expect(ignored).toEqual([]);
    expect(summary(facts)).toEqual([
      [FREDERICK, 'virtual-class.joined', '2021-10-05T04:38:27.602Z'],
      [FREDERICK, 'virtual-class.left', '2021-10-05T04:43:49.770Z'],
      [LISA, 'virtual-class.joined', '2021-10-04T23:13:43.377Z'],
      [LISA, 'virtual-class.left', '2021-10-04T23:18:57.563Z'],
    ]);
    expect(facts[2]).toEqual({
      id: `teams:${MEETING}:${LISA}:virtual-class.joined:2021-10-04T23:13:43.377Z`,
      type: 'virtual-class.joined',
      occurredAt: '2021-10-04T23:13:43.377Z',
      platform: 'teams',
      activity: MEETING,
      actor: { userId: LISA, email: 'lisa.adkins@contoso.com' },
    });
  });

  it('the same interval read from the list or from the expanded report is the same fact', () => {
    const list = JSON.parse(payloadText('attendanceRecords.list.json'));
    const asReport = { id: 'some-report', attendanceRecords: list.value };
    expect(translateTeamsAttendanceReport(asReport, MEETING)).toEqual(translateTeamsAttendanceReport(list, MEETING));
  });

  it('importing the same report again gives identical fact ids', () => {
    const once = translateTeamsAttendanceReport(payloadText('meetingAttendanceReport.json'), MEETING).facts.map((f) => f.id);
    const again = translateTeamsAttendanceReport(Buffer.from(payloadText('meetingAttendanceReport.json')), MEETING).facts.map((f) => f.id);
    expect(again).toEqual(once);
    expect(new Set(once).size).toBe(6);
  });

  it('records in another order give the same set of facts', () => {
    const list = JSON.parse(payloadText('attendanceRecords.list.json'));
    const reversed = { value: [...list.value].reverse() };
    const ids = (json: unknown) => translateTeamsAttendanceReport(json, MEETING).facts.map((f) => f.id).sort();
    expect(ids(reversed)).toEqual(ids(list));
  });

  it('an interval with a null leave gives the join only and says why the leave is missing', () => {
    const report = JSON.parse(payloadText('meetingAttendanceReport.json'));
    report.attendanceRecords[0].attendanceIntervals = [{ joinDateTime: '2021-10-05T04:38:27.6027225Z', leaveDateTime: null, durationInSeconds: 0 }];
    const { facts, ignored } = translateTeamsAttendanceReport(report, MEETING);
    expect(facts.map((f) => f.type)).toEqual(['virtual-class.joined']);
    expect(ignored).toEqual([{ event: 'attendanceInterval', reason: 'Frederick Cormier: an interval without leave time' }]);
  });

  it('keys a record without identity id on its email', () => {
    const list = JSON.parse(payloadText('attendanceRecords.list.json'));
    list.value[1].identity.id = null;
    const lisa = translateTeamsAttendanceReport(list, MEETING).facts[2];
    expect(lisa.actor).toEqual({ email: 'lisa.adkins@contoso.com' });
    expect(lisa.id).toBe(`teams:${MEETING}:lisa.adkins@contoso.com:virtual-class.joined:2021-10-04T23:13:43.377Z`);
  });

  it('callRosterUpdate.notification.json: push notifications are ignored with a reason', () => {
    expect(translateTeamsAttendanceReport(payloadText('callRosterUpdate.notification.json'), MEETING)).toEqual({
      facts: [],
      ignored: [{ event: 'Microsoft.Communication.CallRosterUpdate', reason: expect.stringMatching(/not supported/) }],
    });
  });

  it('refuses a body that is no report, a time it cannot read, or a missing meeting id', () => {
    expect(() => translateTeamsAttendanceReport({ id: 'x' }, MEETING)).toThrow(/neither attendanceRecords nor value/);
    expect(() => translateTeamsAttendanceReport('[', MEETING)).toThrow(/not JSON/);
    expect(() => translateTeamsAttendanceReport(payloadText('meetingAttendanceReport.json'), '')).toThrow(/meeting id/);
    const report = JSON.parse(payloadText('meetingAttendanceReport.json'));
    report.attendanceRecords[0].attendanceIntervals[0].joinDateTime = 'soon';
    expect(() => translateTeamsAttendanceReport(report, MEETING)).toThrow(/not a time/);
  });
});
