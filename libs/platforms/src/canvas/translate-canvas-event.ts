import type { PlatformFact, Translation } from '../platform-fact';
import { CanvasEvent, canvasId, readCanvasEvent } from './canvas-event';

type Meaning = Pick<PlatformFact, 'type' | 'activity' | 'course'> & { subject: string };

/** For each submission event: the body field naming the item, and the one naming this event's record. */
const SUBMISSIONS: Record<string, { item: string; record: string }> = {
  submission_created: { item: 'assignment_id', record: 'submission_id' },
  quiz_submitted: { item: 'quiz_id', record: 'submission_id' },
  discussion_entry_created: { item: 'discussion_topic_id', record: 'discussion_entry_id' },
};

/** One Live Event in the Canvas format as the fact it carries. */
export function translateCanvasEvent(json: unknown): Translation {
  const event = readCanvasEvent(json);
  const meaning = meaningOf(event);
  const userId = userOf(event);
  const id = canvasFactId(event, userId, meaning?.subject);
  if (!meaning) return { facts: [], ignored: [{ event: id, reason: ignoredReason(event) }] };
  if (!userId) return { facts: [], ignored: [{ event: id, reason: 'no user_id (e.g. an LTI grade passback without a user)' }] };
  const { subject, ...content } = meaning;
  const fact: PlatformFact = { id, ...content, occurredAt: occurredAt(event), platform: 'canvas', actor: { userId } };
  return { facts: [fact], ignored: [] };
}

function meaningOf(event: CanvasEvent): Meaning | undefined {
  const { eventName, body, metadata } = event;
  if (eventName === 'asset_accessed') {
    const asset = required(event, 'asset_id');
    // A course asset is a course page (home, assignments list, ...): an access to the course.
    if (body.asset_type === 'course') return { type: 'course.accessed', course: asset, subject: asset };
    return { type: 'recorded-lecture.viewed', activity: asset, subject: asset };
  }
  const submission = SUBMISSIONS[eventName];
  if (submission) {
    const activity = required(event, submission.item);
    return { type: 'e-activity.submitted', activity, subject: canvasId(body, submission.record) ?? activity };
  }
  if (eventName === 'logged_in' && metadata.context_type === 'Course') {
    const course = canvasId(metadata, 'context_id');
    if (course) return { type: 'course.accessed', course, subject: course };
  }
  return undefined;
}

/** The submitter owns a submission (metadata.user_id may be a teacher, or absent); elsewhere the acting user. */
function userOf({ eventName, metadata, body }: CanvasEvent): string | undefined {
  if (eventName === 'submission_created') return canvasId(body, 'user_id') ?? canvasId(metadata, 'user_id');
  // body.user_id of other events can be a shard-local id; metadata.user_id is the global one.
  return canvasId(metadata, 'user_id');
}

/** A submission counts at its submitted_at, which the deadline is about. */
function occurredAt({ eventName, eventTime, body }: CanvasEvent): string {
  const submittedAt = eventName === 'submission_created' && typeof body.submitted_at === 'string' ? Date.parse(body.submitted_at) : NaN;
  return new Date(Number.isNaN(submittedAt) ? Date.parse(eventTime) : submittedAt).toISOString();
}

/**
 * Canvas-format events carry no event id and request_id is shared by all events of one request,
 * so the id is the content tuple README §4 recommends: event, user, time and the record's id.
 */
function canvasFactId(event: CanvasEvent, userId: string | undefined, subject: string | undefined): string {
  const ownId = canvasId(event.metadata, 'event_id');
  if (ownId) return `canvas:${ownId}`;
  return `canvas:${event.eventName}:${userId ?? '-'}:${event.eventTime}:${subject ?? '-'}`;
}

function required(event: CanvasEvent, field: string): string {
  const value = canvasId(event.body, field);
  if (!value) throw new Error(`Canvas ${event.eventName} event body.${field} is missing`);
  return value;
}

const ignoredReason = ({ eventName }: CanvasEvent): string =>
  eventName === 'logged_in' ? 'a login to Canvas, not to a course' : `${eventName} carries no attendance`;
