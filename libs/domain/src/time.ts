/**
 * Times as the contract takes them: ISO 8601 date-times with an offset or Z, on real calendar
 * days. Everything inside the service is milliseconds since the epoch.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The span any time may fall in, so every instant has a four-digit local date in every time zone. */
export const EARLIEST_INSTANT = Date.UTC(1900, 0, 1);
export const LATEST_INSTANT = Date.UTC(9999, 11, 30);

/** Facts happen from 2000 on, and never more than five minutes after the service's clock (contract, Facts). */
export const EARLIEST_FACT = Date.UTC(2000, 0, 1);
export const FACT_CLOCK_TOLERANCE_MS = 5 * 60_000;

const daysIn = (year: number, month: number): number => (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** The instants read last: a batch of facts repeats the same few times, and each is read several times on its way. */
const recent = new Map<string, number | undefined>();
const RECENT = 4096;

/** Milliseconds since the epoch, or undefined when the text is not a real instant in range (2026-02-30 is not). */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (recent.has(value)) return recent.get(value);
  const ms = parse(value);
  if (recent.size >= RECENT) recent.clear();
  recent.set(value, ms);
  return ms;
}

function parse(value: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const [offsetHours, offsetMinutes] = [Number(m[9] ?? 0), Number(m[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  // Years below 100 would be taken as 19xx by Date.UTC; they are out of range anyway.
  if (year < 1000) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
  return ms >= EARLIEST_INSTANT && ms <= LATEST_INSTANT ? ms : undefined;
}

export const INSTANT_FORMAT = 'an ISO 8601 date-time with an offset on a real calendar day, like 2026-09-06T08:00:00+03:00';

/** Why a fact's time cannot be true at `now`, or undefined when it can. */
export function factTimeProblem(occurredAt: number, now: number): string | undefined {
  if (occurredAt < EARLIEST_FACT) return 'is before 2000-01-01: it cannot have happened';
  if (occurredAt > now + FACT_CLOCK_TOLERANCE_MS) return `is more than 5 minutes after the service's clock (${new Date(now).toISOString()}): it cannot have happened yet`;
  return undefined;
}
