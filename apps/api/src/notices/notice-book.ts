import { INITIAL_NOTICE_STATE, NoticeLevel, NoticeState } from '@attendance/rules';
import type { StoredEvent } from '@attendance/event-store';
import type { NoticeRecorded } from './notice.events';

export interface Notification extends NoticeRecorded {
  noticeId: string;
  position: string;
}

/** The notices told so far, per enrollment and per student, as the projection has seen them. */
export class NoticeBook {
  private readonly states = new Map<string, { state: NoticeState; revision: bigint }>();
  private readonly byStudent = new Map<string, Notification[]>();

  apply(event: StoredEvent): Notification {
    const data = event.data as NoticeRecorded;
    const key = `${data.sectionId}\u0000${data.studentId}`;
    const previous = this.states.get(key)?.state ?? INITIAL_NOTICE_STATE;
    const issued = data.kind === 'lifted' || previous.issued.includes(data.kind) ? previous.issued : [...previous.issued, data.kind as NoticeLevel];
    this.states.set(key, { state: { issued, current: data.status }, revision: event.revision });
    const notification = { ...data, noticeId: event.id, position: String(event.position) };
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
