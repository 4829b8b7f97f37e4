import { Status, STATUS_RANK } from './status';

export type NoticeLevel = 'warning-1' | 'warning-2' | 'deprived';
export type Notice = { kind: 'issued'; level: NoticeLevel } | { kind: 'lifted'; from: Status; to: Status };

/** What has been told to one enrollment so far. */
export interface NoticeState {
  issued: NoticeLevel[];
  /** The status the student was last told about. */
  current: Status;
}

export const INITIAL_NOTICE_STATE: NoticeState = Object.freeze({ issued: [], current: 'good' as Status });

/**
 * I6: a warning or deprivation is issued once per level per enrollment; when the student falls
 * back under a level they were told about, a lifted notice says so.
 */
export function decideNotices(state: NoticeState, status: Status): { notices: Notice[]; state: NoticeState } {
  const rank = STATUS_RANK[status];
  const told = STATUS_RANK[state.current];
  if (rank === told) return { notices: [], state: status === state.current ? state : { ...state, current: status } };
  if (rank < told) return { notices: [{ kind: 'lifted', from: state.current, to: status }], state: { ...state, current: status } };
  const level = status as NoticeLevel;
  const notices: Notice[] = state.issued.includes(level) ? [] : [{ kind: 'issued', level }];
  return { notices, state: { issued: [...state.issued, ...notices.map(() => level)], current: status } };
}
