import { noticeStream } from '@attendance/domain';
import type { NoticeRecorded, TypedEvent } from '@attendance/domain';
import { INITIAL_NOTICE_STATE, NOTICE_LEVELS, NoticeLevel, NoticeState } from '@attendance/rules';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/** A notice as the API shows it: its data, its id and where it stands in the store. */
export interface Notification extends NoticeRecorded {
  id: string;
  position: string;
}

type NoticeStateOf = { state: NoticeState; revision: bigint | 'no_stream' };

/** The notices told so far, per enrollment and per student, as the projection has seen them, kept in the read store. */
export class NoticeBook {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    this.q = {
      state: store.db.prepare('SELECT state, revision FROM notice_states WHERE section_id = ? AND student_id = ?'),
      setState: store.db.prepare('INSERT INTO notice_states (section_id, student_id, state, revision) VALUES (?, ?, ?, ?) ON CONFLICT (section_id, student_id) DO UPDATE SET state = excluded.state, revision = excluded.revision'),
      add: store.db.prepare('INSERT INTO notifications (student_id, position, notification) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      of: store.db.prepare('SELECT notification FROM notifications WHERE student_id = ? ORDER BY position DESC'),
      count: store.db.prepare('SELECT COUNT(*) AS count FROM notifications'),
    };
  }

  apply(event: TypedEvent & { type: 'NoticeRecorded' }): Notification {
    const data = event.data;
    const previous = this.stateOf(data.sectionId, data.studentId);
    const level = NOTICE_LEVELS.includes(data.kind as NoticeLevel) ? (data.kind as NoticeLevel) : undefined;
    const issued = level === undefined || previous.state.issued.includes(level) ? previous.state.issued : [...previous.state.issued, level];
    // Notices written under an earlier stream name stay told; the next one starts the current stream.
    const revision = event.streamId === noticeStream(data.sectionId, data.studentId) ? event.revision : previous.revision;
    this.q.setState.run(data.sectionId, data.studentId, JSON.stringify({ issued, current: data.status }), String(revision));
    const notification: Notification = { id: event.id, ...data, position: String(event.position) };
    this.q.add.run(data.studentId, event.position, JSON.stringify(notification));
    return notification;
  }

  stateOf(sectionId: string, studentId: string): NoticeStateOf {
    const row = this.q.state.get(sectionId, studentId) as { state: string; revision: string } | undefined;
    if (!row) return { state: INITIAL_NOTICE_STATE, revision: 'no_stream' };
    return { state: JSON.parse(row.state) as NoticeState, revision: row.revision === 'no_stream' ? 'no_stream' : BigInt(row.revision) };
  }

  /** How many notices have been issued, every student's (for /metrics). */
  count(): number {
    return (this.q.count.get() as { count: number }).count;
  }

  /** Newest first. */
  notificationsOf(studentId: string): Notification[] {
    return (this.q.of.all(studentId) as Array<{ notification: string }>).map((r) => JSON.parse(r.notification) as Notification);
  }
}
