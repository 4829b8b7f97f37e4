import { readLearnCourseMeetings, translateCollaborateAttendees, translateLearnMeetingAttendance } from './index';
import { payloadText as fixtureText } from '../../../../test/support/platform-payloads';

const payloadText = (file: string) => fixtureText('blackboard', file);

const SESSION = 'collab-session-7';
const PULLED_AT = '2024-03-12T15:05:00.000Z';

describe('translateCollaborateAttendees', () => {
  const attendees = payloadText('collaborate.session-instance-attendees.json');

  it('collaborate.session-instance-attendees.json: every attendance entry is a join and a leave', () => {
    const { facts, ignored } = translateCollaborateAttendees(attendees, SESSION);
    expect(ignored).toEqual([]);
    expect(facts.map((f) => [f.type, f.occurredAt])).toEqual([
      ['virtual-class.joined', '2024-03-12T14:02:41.000Z'],
      ['virtual-class.left', '2024-03-12T14:31:05.000Z'],
      ['virtual-class.joined', '2024-03-12T14:33:10.000Z'],
      ['virtual-class.left', '2024-03-12T14:58:17.000Z'],
    ]);
    expect(facts[0]).toEqual({
      id: `blackboard:collaborate:${SESSION}:stu-20231187:virtual-class.joined:2024-03-12T14:02:41.000Z`,
      type: 'virtual-class.joined',
      occurredAt: '2024-03-12T14:02:41.000Z',
      platform: 'blackboard',
      activity: SESSION,
      actor: { userId: 'stu-20231187' },
    });
  });

  it("takes Collaborate's own userId when the launching system gave no externalUserId", () => {
    const json = JSON.parse(attendees);
    delete json.results[0].externalUserId;
    expect(translateCollaborateAttendees(json, SESSION).facts[0].actor).toEqual({ userId: 'a1f3c9d2e4b5467f8a9b0c1d2e3f4a5b' });
  });

  it('importing the same attendees again gives identical fact ids', () => {
    const ids = (json: unknown) => translateCollaborateAttendees(json, SESSION).facts.map((f) => f.id);
    expect(ids(Buffer.from(attendees))).toEqual(ids(attendees));
    expect(new Set(ids(attendees)).size).toBe(4);
  });

  it('entries in another order give the same set of facts', () => {
    const json = JSON.parse(attendees);
    json.results[0].attendance.reverse();
    const ids = (body: unknown) => translateCollaborateAttendees(body, SESSION).facts.map((f) => f.id).sort();
    expect(ids(json)).toEqual(ids(attendees));
  });

  it('an entry still open (no left) gives the join only and says so', () => {
    const json = JSON.parse(attendees);
    delete json.results[0].attendance[1].left;
    const { facts, ignored } = translateCollaborateAttendees(json, SESSION);
    expect(facts).toHaveLength(3);
    expect(ignored).toEqual([{ event: 'attendance', reason: 'Noura Alharbi: an attendance entry without left time' }]);
  });

  it('refuses a body without results, a time it cannot read, or a missing session id', () => {
    expect(() => translateCollaborateAttendees({ size: 0 }, SESSION)).toThrow(/"results"/);
    expect(() => translateCollaborateAttendees(attendees, '')).toThrow(/session id/);
    const json = JSON.parse(attendees);
    json.results[0].attendance[0].joined = 'at nine';
    expect(() => translateCollaborateAttendees(json, SESSION)).toThrow(/not a time/);
  });
});

describe('translateLearnMeetingAttendance', () => {
  const attendance = payloadText('learn.meeting-attendance.json');

  it('learn.meeting-attendance.json: Present, Late and Absent become in-person marks at markedAt', () => {
    const { facts } = translateLearnMeetingAttendance(attendance, '3021', PULLED_AT);
    expect(facts.map((f) => [f.actor.userId, f.status])).toEqual([
      ['_4821_1', 'present'],
      ['_4822_1', 'late'],
      ['_4823_1', 'absent'],
    ]);
    expect(facts[1]).toEqual({
      id: `blackboard:learn:3021:_4822_1:late:${PULLED_AT}`,
      type: 'in-person.marked',
      occurredAt: PULLED_AT,
      platform: 'blackboard',
      activity: '3021',
      actor: { userId: '_4822_1' },
      status: 'late',
    });
  });

  it('Excused is not a mark: ignored with the reason', () => {
    const { ignored } = translateLearnMeetingAttendance(attendance, '3021', PULLED_AT);
    expect(ignored).toEqual([{ event: 'Excused for _4824_1', reason: expect.stringMatching(/excuses API/) }]);
  });

  it('an unknown status is ignored, not guessed', () => {
    const json = JSON.parse(attendance);
    json.results[0].status = 'Tardy';
    const { facts, ignored } = translateLearnMeetingAttendance(json, '3021', PULLED_AT);
    expect(facts).toHaveLength(2);
    expect(ignored[0]).toEqual({ event: 'Tardy for _4821_1', reason: 'unknown attendance status "Tardy"' });
  });

  it('the same pull sent again gives identical ids; a later pull gives later marks that win', () => {
    const first = translateLearnMeetingAttendance(attendance, '3021', PULLED_AT).facts;
    expect(translateLearnMeetingAttendance(attendance, '3021', Date.parse(PULLED_AT)).facts).toEqual(first);
    const later = translateLearnMeetingAttendance(attendance, '3021', '2024-03-13T09:00:00Z').facts;
    expect(later[0].id).not.toBe(first[0].id);
    expect(later[0].occurredAt > first[0].occurredAt).toBe(true);
  });

  it('refuses a record for another meeting, a record without user, or a markedAt that is not a time', () => {
    expect(() => translateLearnMeetingAttendance(attendance, '3022', PULLED_AT)).toThrow(/for meeting 3021, not 3022/);
    expect(() => translateLearnMeetingAttendance(attendance, '3021', 'later')).toThrow(/markedAt/);
    expect(() => translateLearnMeetingAttendance(attendance, '3021', NaN)).toThrow(/markedAt/);
    const json = JSON.parse(attendance);
    delete json.results[2].userId;
    expect(() => translateLearnMeetingAttendance(json, '3021', PULLED_AT)).toThrow(/88103 has no userId/);
  });
});

describe('readLearnCourseMeetings', () => {
  it('learn.course-meetings.json: the meeting with its times, the id as a string', () => {
    expect(readLearnCourseMeetings(payloadText('learn.course-meetings.json'))).toEqual([
      { meetingId: '3021', courseId: '_12345_1', title: 'Week 5 lecture', startsAt: '2024-03-12T14:00:00.000Z', endsAt: '2024-03-12T15:00:00.000Z' },
    ]);
  });

  it('refuses a meeting without times', () => {
    const json = JSON.parse(payloadText('learn.course-meetings.json'));
    delete json.results[0].end;
    expect(() => readLearnCourseMeetings(json)).toThrow(/3021 end/);
  });
});
