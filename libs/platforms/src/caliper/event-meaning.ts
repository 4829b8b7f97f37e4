import type { PlatformFact } from '../platform-fact';
import { entityField, entityIri, entityType } from './entity';
import { durationSeconds } from './media-time';

/** Entities are still IRIs here; the source turns them into its ids. */
export type EventMeaning = Pick<PlatformFact, 'type' | 'activity' | 'course' | 'progress'> | { ignore: string };

const COURSE_TYPES = ['CourseOffering', 'CourseSection', 'Group'];
const MEDIA_POSITIONS = ['Started', 'Resumed', 'Paused', 'Ended'];

/** What one Caliper event says for attendance, with entities still as IRIs. */
export function eventMeaning(event: Record<string, unknown>): EventMeaning {
  const { type, action, object } = event;
  const course = entityIri(event.group);
  switch (`${type} ${action}`) {
    case 'SessionEvent LoggedIn':
    case 'ToolUseEvent Used':
      // Login compliance counts days per section, so an access without a course counts nowhere.
      return course ? { type: 'course.accessed', course } : { ignore: `${type} ${action} names no course (group)` };
    case 'NavigationEvent NavigatedTo':
    case 'ViewEvent Viewed':
      if (COURSE_TYPES.includes(entityType(object) ?? '')) return { type: 'course.accessed', course: entityIri(object) };
      return { type: 'recorded-lecture.viewed', activity: entityIri(object) };
    case 'AssignableEvent Submitted':
    case 'AssignableEvent Completed':
    case 'AssessmentEvent Submitted':
      // The object is the learner's Attempt; the item is what it is an attempt at.
      return { type: 'e-activity.submitted', activity: entityIri(entityField(object, 'assignable')) ?? entityIri(object) };
    case 'MessageEvent Posted':
      return { type: 'e-activity.submitted', activity: entityIri(entityField(object, 'isPartOf')) ?? entityIri(object) };
  }
  if (type === 'MediaEvent' && MEDIA_POSITIONS.includes(action as string)) return mediaView(event);
  if (type === 'AssignableEvent' && action === 'Activated') return { ignore: 'activating an assignment is not submitting it' };
  return { ignore: `${type} ${action} carries no attendance` };
}

/**
 * Progress is the position over the length, the best a single event tells (a seek ahead reads
 * as watched); Ended is a whole watch. Without both numbers the event is left out, since a view
 * without progress would count as a full watch.
 */
function mediaView(event: Record<string, unknown>): EventMeaning {
  const activity = entityIri(event.object);
  if (event.action === 'Ended') return { type: 'recorded-lecture.viewed', activity, progress: 1 };
  const position = durationSeconds(entityField(event.target, 'currentTime'));
  const length = durationSeconds(entityField(event.object, 'duration'));
  if (position === undefined || !length) return { ignore: `MediaEvent ${event.action} without target.currentTime and object duration` };
  return { type: 'recorded-lecture.viewed', activity, progress: Math.min(1, position / length) };
}
