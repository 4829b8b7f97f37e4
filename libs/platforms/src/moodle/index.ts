export { verifyMoodleToken } from './verify-token';
export { translateMoodleEvent, translateMoodleLogRow, moodleFactId } from './translate-event';
export { readMoodleEvent } from './moodle-event';
export type { MoodleEvent } from './moodle-event';
export { translateMoodleXapiBatch, moodleLogstoreMeaning, MOODLE_LOGSTORE_VERBS } from './logstore-xapi';
export { statementFingerprint } from '../xapi';
