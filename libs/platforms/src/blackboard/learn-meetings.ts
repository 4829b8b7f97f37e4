import { isoTime, readResults } from './results';

export interface LearnCourseMeeting {
  meetingId: string;
  courseId?: string;
  title?: string;
  startsAt: string;
  endsAt: string;
}

/** Learn `GET /courses/{courseId}/meetings`: the sessions attendance is taken for, to schedule or link items. */
export function readLearnCourseMeetings(json: unknown): LearnCourseMeeting[] {
  return readResults<{ id?: string | number; courseId?: string; title?: string; start?: string; end?: string }>(json, 'Learn course meetings').map((meeting) => {
    if (meeting.id === undefined || meeting.id === '') throw new Error('a Learn course meeting has no id');
    return {
      meetingId: String(meeting.id),
      courseId: meeting.courseId,
      title: meeting.title,
      startsAt: isoTime(meeting.start, `Learn meeting ${String(meeting.id)} start`),
      endsAt: isoTime(meeting.end, `Learn meeting ${String(meeting.id)} end`),
    };
  });
}
