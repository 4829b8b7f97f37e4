import { Status, STATUS_RANK } from './status';

export type NoticeLevel = 'warning-1' | 'warning-2' | 'deprived';
/** The levels a notice can tell, by rank: warning-1 is rank 1, deprived rank 3. */
export const NOTICE_LEVELS: readonly NoticeLevel[] = ['warning-1', 'warning-2', 'deprived'];
export type Notice = { kind: 'issued'; level: NoticeLevel } | { kind: 'lifted'; from: Status; to: Status };

/** What has been told to one enrollment so far. */
export interface NoticeState {
  issued: NoticeLevel[];
  /** The status the student was last told about. */
  current: Status;
}

export const INITIAL_NOTICE_STATE: NoticeState = Object.freeze({ issued: [], current: 'good' as Status });

/**
 * How one enrollment's standing has moved, as the service saw it: the rank it is at now, and
 * for each level (rank 1 to 3) since when the standing has been on its side of that level, at
 * or above it or below it, without a break (I6a).
 */
export interface StandingWatch {
  rank: number;
  since: [number, number, number];
}

/** Nothing seen yet: below every level since ever. */
export const INITIAL_WATCH: StandingWatch = Object.freeze({ rank: 0, since: [0, 0, 0] as [number, number, number] });

/** The watch after seeing the standing at `status` at `at`; the same object when nothing moved. */
export function observeStanding(watch: StandingWatch, status: Status, at: number): StandingWatch {
  const rank = STATUS_RANK[status];
  if (rank === watch.rank) return watch;
  const since = watch.since.map((s, i) => (watch.rank >= i + 1 !== rank >= i + 1 ? at : s)) as [number, number, number];
  return { rank, since };
}

const heldFor = (watch: StandingWatch, level: number, now: number, delayMs: number) => now - watch.since[level - 1] >= delayMs;

/**
 * I6, I6a: a warning or deprivation is told once that level (or a worse one) has held for the
 * delay, once per level per enrollment; a fall back below what was told is told, as lifted, once
 * it too has held for the delay. A level that falls back sooner tells nothing.
 */
export function decideNotices(state: NoticeState, watch: StandingWatch, status: Status, now: number, delayMs: number): { notices: Notice[]; state: NoticeState } {
  const told = STATUS_RANK[state.current];
  if (told > 0 && watch.rank < told) {
    if (!heldFor(watch, told, now, delayMs)) return { notices: [], state };
    return { notices: [{ kind: 'lifted', from: state.current, to: status }], state: Object.assign({}, state, { current: status }) };
  }
  for (let rank = watch.rank; rank > told; rank--) {
    if (!heldFor(watch, rank, now, delayMs)) continue;
    const level = NOTICE_LEVELS[rank - 1];
    const notices: Notice[] = state.issued.includes(level) ? [] : [{ kind: 'issued', level }];
    return { notices, state: { issued: notices.length > 0 ? [...state.issued, level] : state.issued, current: level } };
  }
  return { notices: [], state };
}

/** When a decision about this enrollment could next change with the clock alone, if ever. */
export function nextNoticeAt(state: NoticeState, watch: StandingWatch, delayMs: number): number | undefined {
  const told = STATUS_RANK[state.current];
  if (told > 0 && watch.rank < told) return watch.since[told - 1] + delayMs;
  if (watch.rank > told) return Math.min(...watch.since.slice(told, watch.rank)) + delayMs;
  return undefined;
}
