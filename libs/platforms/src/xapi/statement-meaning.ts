import type { PlatformFact } from '../platform-fact';
import { isPlainObject } from './formats';
import { VERBS, VIDEO_VIEW_VERBS } from './verbs';
import { isVideoStatement, videoView } from './video-view';

/** What a statement says for attendance: the fact's content, or why it carries none. */
export type StatementMeaning = Pick<PlatformFact, 'type' | 'activity' | 'course' | 'progress' | 'watchedRanges'> | { ignore: string };

/** Reads a statement's meaning, or answers undefined when the verb is not one it knows. */
export type MeaningRule = (statement: Record<string, unknown>) => StatementMeaning | undefined;

export const objectIdOf = (statement: Record<string, unknown>): string | undefined => {
  const object = statement.object;
  return isPlainObject(object) && typeof object.id === 'string' && (object.objectType ?? 'Activity') === 'Activity' ? object.id : undefined;
};

export const verbIdOf = (statement: Record<string, unknown>): string | undefined =>
  isPlainObject(statement.verb) && typeof statement.verb.id === 'string' ? statement.verb.id : undefined;

/** The mapping of http-api.md: join/leave, the video profile's views, completed, logged-in. */
export function standardMeaning(statement: Record<string, unknown>): StatementMeaning {
  const verb = verbIdOf(statement);
  const activity = objectIdOf(statement);
  if (!activity) return { ignore: 'the object is not an Activity' };
  if (verb === VERBS.join) return { type: 'virtual-class.joined', activity };
  if (verb === VERBS.leave) return { type: 'virtual-class.left', activity };
  if (verb && VIDEO_VIEW_VERBS.includes(verb) && isVideoStatement(statement)) {
    const view = videoView(statement);
    if (!view) return { ignore: 'a video statement without progress or played-segments says nothing about how much was watched' };
    return { type: 'recorded-lecture.viewed', activity, ...view };
  }
  if (verb === VERBS.completed) return { type: 'e-activity.submitted', activity };
  if (verb === VERBS.loggedIn) return { type: 'course.accessed', course: activity };
  return { ignore: `the verb ${verb} carries no attendance` };
}
