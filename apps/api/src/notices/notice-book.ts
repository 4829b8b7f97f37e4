import type { NoticeRecorded, TypedEvent } from '@attendance/domain';
import { INITIAL_NOTICE_STATE, NOTICE_LEVELS, NoticeLevel, NoticeState } from '@attendance/rules';
import { noticeStream } from '@attendance/domain';

/** A notice as the API shows it: its data, its id and where it stands in the store. */
export interface Notification extends NoticeRecorded {
  id: string;
  position: string;
}

/** The notices told so far, per enrollment and per student, as the projection has seen them. */
export class NoticeBook {
  private readonly states = new Map<string, { state: NoticeState; revision: bigint | 'no_stream' }>();
  private readonly byStudent = new Map<string, Notification[]>();

  apply(event: TypedEvent & { type: 'NoticeRecorded' }): Notification {
    const data = event.data;
    const key = `${data.sectionId}\u0000${data.studentId}`;
    const previous = this.states.get(key) ?? { state: INITIAL_NOTICE_STATE, revision: 'no_stream' as const };
    const level = NOTICE_LEVELS.includes(data.kind as NoticeLevel) ? (data.kind as NoticeLevel) : undefined;
    const issued = level === undefined || previous.state.issued.includes(level) ? previous.state.issued : [...previous.state.issued, level];
    // Notices written under an earlier stream name stay told; the next one starts the current stream.
    const revision = event.streamId === noticeStream(data.sectionId, data.studentId) ? event.revision : previous.revision;
    this.states.set(key, { state: { issued, current: data.status }, revision });
    const notification: Notification = { id: event.id, ...data, position: String(event.position) };
    const list = this.byStudent.get(data.studentId) ?? [];
    list.push(notification);
    this.byStudent.set(data.studentId, list);
    return notification;
  }

  stateOf(sectionId: string, studentId: string): { state: NoticeState; revision: bigint | 'no_stream' } {
    return this.states.get(`${sectionId}\u0000${studentId}`) ?? { state: INITIAL_NOTICE_STATE, revision: 'no_stream' };
  }

  /** Newest first. */
  notificationsOf(studentId: string): Notification[] {
    return [...(this.byStudent.get(studentId) ?? [])].reverse();
  }
}
