/**
 * The fields of a Moodle event (lib/classes/event/base.php get_data()) this adapter reads, as the
 * local_webhooks plugin posts them or as logstore_standard_log stores them. Ids arrive as numbers
 * or as strings (PHP database records), and 0 means "none" (course 0, context instance 0).
 */
export interface MoodleEvent {
  /** The class name, e.g. `\mod_quiz\event\attempt_submitted`. */
  eventname: string;
  objectid?: string;
  /** For a module context, the course module id (cmid). */
  contextinstanceid?: string;
  userid?: string;
  relateduserid?: string;
  courseid?: string;
  /** Unix seconds. */
  timecreated: number;
  /** Set in the log when an admin acted while "logged in as" the user. */
  realuserid?: string;
  other: Record<string, unknown>;
}

export function readMoodleEvent(json: unknown): MoodleEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('a Moodle event must be a JSON object');
  const event = json as Record<string, unknown>;
  if (typeof event.eventname !== 'string' || !event.eventname.includes('\\event\\')) {
    throw new Error('Moodle event eventname is missing or not an event class name');
  }
  return {
    eventname: event.eventname,
    objectid: idOf(event, 'objectid'),
    contextinstanceid: idOf(event, 'contextinstanceid'),
    userid: idOf(event, 'userid'),
    relateduserid: idOf(event, 'relateduserid'),
    courseid: idOf(event, 'courseid'),
    timecreated: unixSeconds(event.timecreated),
    realuserid: idOf(event, 'realuserid'),
    other: readOther(event.other),
  };
}

/** The class name without namespace, e.g. `attempt_submitted`. */
export const shortName = (event: MoodleEvent): string => event.eventname.slice(event.eventname.lastIndexOf('\\') + 1);

function idOf(event: Record<string, unknown>, field: string): string | undefined {
  const value = event[field];
  if (value === undefined || value === null || value === '' || value === 0 || value === '0') return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new Error(`Moodle event ${field} must be a numeric id, got ${JSON.stringify(value)}`);
}

function unixSeconds(value: unknown): number {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) throw new Error('Moodle event timecreated must be Unix seconds');
  return seconds;
}

/** `other` is an object from the webhook; in the log a JSON string, or PHP-serialised on older sites (unread). */
function readOther(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
