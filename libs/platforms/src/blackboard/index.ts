export { translateCollaborateAttendees } from './collaborate-attendees';
export { translateLearnMeetingAttendance } from './learn-attendance';
export { readLearnCourseMeetings } from './learn-meetings';
export type { LearnCourseMeeting } from './learn-meetings';
