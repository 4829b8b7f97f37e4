/**
 * Wall-clock times in a named time zone (the section's, Asia/Riyadh by default) to and from
 * instants, for datetime-local inputs: the API wants ISO 8601 with an offset.
 */
const pad = (n, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

const partsFormat = new Map();
function wallClock(timeZone, ms) {
  if (!partsFormat.has(timeZone)) {
    partsFormat.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    );
  }
  const parts = Object.fromEntries(partsFormat.get(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second };
}

/** Minutes the zone is ahead of UTC at that instant (180 for Riyadh). */
export function offsetMinutes(timeZone, ms) {
  const w = wallClock(timeZone, ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const offsetText = (minutes) => `${minutes < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;

/** '2026-10-15T12:00' read in `timeZone` → '2026-10-15T12:00:00+03:00'; undefined when not a date-time. */
export function localInputToIso(value, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo, d, hh, mi, ss = '00'] = match;
  const naive = Date.UTC(+y, +mo - 1, +d, +hh, +mi, +ss);
  let offset = offsetMinutes(timeZone, naive);
  const second = offsetMinutes(timeZone, naive - offset * 60_000);
  if (second !== offset) offset = second;
  return `${y}-${mo}-${d}T${hh}:${mi}:${ss}${offsetText(offset)}`;
}

/** An instant as the value of a datetime-local input, on the wall clock of `timeZone`. */
export function isoToLocalInput(iso, timeZone) {
  const w = wallClock(timeZone, Date.parse(iso));
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Whether the browser knows the zone. */
export function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
