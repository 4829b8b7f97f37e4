import type { StoredEvent } from '@attendance/event-store';
import type { AccessFact, ItemFact } from '@attendance/rules';
import { FACT_RECORDED, FactRecorded } from '../facts/fact.events';
import { NoticeBook, Notification } from '../notices/notice-book';
import { NOTICE_RECORDED } from '../notices/notice.events';
import { SECTION_EVENT_TYPES, SectionEvent } from '../sections/section.events';
import { SectionView } from './section-view';

/** What an applied event changed, for the live feeds and the notice checks. */
export interface Change {
  sectionId: string;
  studentId?: string;
  type: string;
  position: string;
  notification?: Notification;
}

/** The projection's state, in memory: every section's configuration and facts, and the notices told. */
export class ReadModel {
  readonly sections = new Map<string, SectionView>();
  private readonly sectionsByStudent = new Map<string, Set<string>>();
  readonly notices = new NoticeBook();

  /** Whether the projection keeps this event (the others only move its checkpoint). */
  static uses(event: StoredEvent): boolean {
    return event.type === FACT_RECORDED || event.type === NOTICE_RECORDED || SECTION_EVENT_TYPES.has(event.type);
  }

  sectionIdsOf(studentId: string): string[] {
    return [...(this.sectionsByStudent.get(studentId) ?? [])].sort();
  }

  apply(event: StoredEvent): Change | undefined {
    const position = String(event.position);
    const recordedAt = event.recordedAt.getTime();
    if (event.type === FACT_RECORDED) {
      const data = event.data as FactRecorded;
      this.viewOf(data.sectionId).applyFact({ ...toRulesFact(data), recordedAt });
      return { sectionId: data.sectionId, studentId: data.studentId, type: data.type, position };
    }
    if (event.type === NOTICE_RECORDED) {
      const notification = this.notices.apply(event);
      return { sectionId: notification.sectionId, studentId: notification.studentId, type: NOTICE_RECORDED, position, notification };
    }
    if (SECTION_EVENT_TYPES.has(event.type)) {
      const sectionEvent = { type: event.type, data: event.data } as SectionEvent;
      const sectionId = sectionEvent.data.sectionId;
      this.viewOf(sectionId).applyConfig(sectionEvent, recordedAt);
      if (sectionEvent.type === 'StudentEnrolled') this.indexStudent(sectionEvent.data.studentId).add(sectionId);
      if (sectionEvent.type === 'StudentDropped') this.indexStudent(sectionEvent.data.studentId).delete(sectionId);
      const studentId = 'studentId' in sectionEvent.data ? sectionEvent.data.studentId : undefined;
      return { sectionId, studentId, type: event.type, position };
    }
    return undefined;
  }

  private viewOf(sectionId: string): SectionView {
    let view = this.sections.get(sectionId);
    if (!view) this.sections.set(sectionId, (view = new SectionView(sectionId)));
    return view;
  }

  private indexStudent(studentId: string): Set<string> {
    let sections = this.sectionsByStudent.get(studentId);
    if (!sections) this.sectionsByStudent.set(studentId, (sections = new Set()));
    return sections;
  }
}

function toRulesFact(data: FactRecorded): ItemFact | AccessFact {
  const base = { id: data.id, studentId: data.studentId, occurredAt: Date.parse(data.occurredAt) };
  switch (data.type) {
    case 'course.accessed':
      return { ...base, type: data.type };
    case 'in-person.marked':
      return { ...base, type: data.type, itemId: data.itemId!, status: data.status! };
    case 'recorded-lecture.viewed':
      return { ...base, type: data.type, itemId: data.itemId!, progress: data.progress, watchedRanges: data.watchedRanges };
    default:
      return { ...base, type: data.type, itemId: data.itemId! };
  }
}
