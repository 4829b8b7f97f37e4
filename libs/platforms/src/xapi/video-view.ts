import { isPlainObject } from './formats';
import { parsePlayedSegments } from './played-segments';
import { VIDEO } from './verbs';

export interface VideoView {
  progress?: number;
  watchedRanges?: Array<[number, number]>;
}

/** A statement is about a video when its object, its category or its result says so. */
export function isVideoStatement(statement: Record<string, unknown>): boolean {
  const object = statement.object;
  const definition = isPlainObject(object) && isPlainObject(object.definition) ? object.definition : {};
  if (definition.type === VIDEO.activityType) return true;
  const context = isPlainObject(statement.context) ? statement.context : {};
  const activities = isPlainObject(context.contextActivities) ? context.contextActivities : {};
  const category = Array.isArray(activities.category) ? activities.category : [activities.category];
  if (category.some((c) => isPlainObject(c) && c.id === VIDEO.category)) return true;
  const extensions = resultExtensions(statement);
  return extensions[VIDEO.progress] !== undefined || extensions[VIDEO.playedSegments] !== undefined;
}

/**
 * How much was watched, from the result's progress (a 0..1 fraction) and played-segments. A
 * progress outside 0..1 is not a fraction we can trust (1 could mean 1% or 100%), so it is left
 * out. Answers undefined when neither says anything: a view without them would count as a full
 * watch, which the statement does not claim.
 */
export function videoView(statement: Record<string, unknown>): VideoView | undefined {
  const extensions = resultExtensions(statement);
  const rawProgress = extensions[VIDEO.progress];
  const progress = typeof rawProgress === 'number' && rawProgress >= 0 && rawProgress <= 1 ? rawProgress : undefined;
  const watchedRanges = parsePlayedSegments(extensions[VIDEO.playedSegments]);
  if (progress === undefined && watchedRanges.length === 0) return undefined;
  return {
    ...(progress !== undefined ? { progress } : {}),
    ...(watchedRanges.length > 0 ? { watchedRanges } : {}),
  };
}

function resultExtensions(statement: Record<string, unknown>): Record<string, unknown> {
  const result = statement.result;
  return isPlainObject(result) && isPlainObject(result.extensions) ? result.extensions : {};
}
