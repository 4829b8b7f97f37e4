import { FactRecorded, isSectionEvent, parseInstant, readEvent, TypedEvent } from '@attendance/domain';
import type { StoredEvent } from '@attendance/event-store';
import type { AccessFact, ItemFact } from '@attendance/rules';
import { NoticeBook, Notification } from '../notices/notice-book';
import { PlatformResolver } from './platform-resolver';
import { Recorded, SectionView } from './section-view';

/** What an applied event changed, for the live feeds and the notice checks. */
export interface Change {
  sectionId: string;
  studentId?: string;
  type: string;
  position: string;
  notification?: Notification;
  /** For facts: the item and when it happened, so a live view can show who is in class now. */
  itemId?: string;
  occurredAt?: string;
}

/** The projection's state, in memory: every section's configuration and facts, and the notices told. */
export class ReadModel {
  readonly sections = new Map<string, SectionView>();
  private readonly sectionsByStudent = new Map<string, Set<string>>();
  readonly notices = new NoticeBook();
  readonly platforms = new PlatformResolver(this.sections);

  constructor(private readonly onSkipped: (event: StoredEvent, problem: string) => void = () => undefined) {}

  /** Whether the projection keeps this event (the others only move its checkpoint). */
  static uses(event: StoredEvent): boolean {
    return KEPT.has(event.type);
  }

  sectionIdsOf(studentId: string): string[] {
    return [...(this.sectionsByStudent.get(studentId) ?? [])].sort();
  }

  /** Applies one event; answers what it changed (a link or identity can place several waiting facts). */
  apply(stored: StoredEvent): Change[] {
    if (!ReadModel.uses(stored)) return [];
    const read = readEvent(stored);
    if (!read) return [];
    if ('problem' in read) {
      this.onSkipped(stored, read.problem);
      return [];
    }
    return this.applyEvent(read.event);
  }

  private applyEvent(event: TypedEvent): Change[] {
    const position = String(event.position);
    const recordedAt = event.recordedAt.getTime();
    switch (event.type) {
      case 'FactRecorded':
        return [this.applyFact(event.data, recordedAt, position)];
      case 'PlatformFactReceived': {
        const placed = this.platforms.receive(event.data.fact, recordedAt);
        return placed ? [this.applyFact(placed, recordedAt, position)] : [];
      }
      case 'StudentIdentitiesSet':
        this.platforms.setIdentities(event.data.studentId, event.data.identities);
        return this.placeWaiting(position);
      case 'PlatformReportImported':
        return this.platforms.reportImported(event.data, recordedAt).map((sectionId) => {
          this.sections.get(sectionId)?.touch();
          return { sectionId, type: event.type, position };
        });
      case 'NoticeRecorded': {
        const notification = this.notices.apply(event);
        return [{ sectionId: notification.sectionId, studentId: notification.studentId, type: event.type, position, notification }];
      }
    }
    if (!isSectionEvent(event)) return [];
    const sectionId = event.data.sectionId;
    this.viewOf(sectionId).applyConfig(event, recordedAt);
    if (event.type === 'StudentEnrolled') this.indexStudent(event.data.studentId).add(sectionId);
    if (event.type === 'StudentDropped') this.indexStudent(event.data.studentId).delete(sectionId);
    if (event.type === 'ItemScheduled') this.platforms.setItemLinks(sectionId, event.data.itemId, { ...event.data.links });
    if (event.type === 'SectionDefined') this.platforms.setSectionLinks(sectionId, { ...event.data.links });
    const studentId = 'studentId' in event.data ? event.data.studentId : undefined;
    const change = { sectionId, studentId, type: event.type, position };
    return PLACES_WAITING.has(event.type) ? [change, ...this.placeWaiting(position)] : [change];
  }

  private applyFact(data: FactRecorded, recordedAt: number, position: string): Change {
    this.viewOf(data.sectionId).applyFact(toRulesFact(data, recordedAt));
    return { sectionId: data.sectionId, studentId: data.studentId, type: data.type, position, itemId: data.itemId, occurredAt: data.occurredAt };
  }

  private placeWaiting(position: string): Change[] {
    if (!this.platforms.hasWaiting) return [];
    // A placed fact counts as recorded when it arrived, not when its mapping did.
    return this.platforms.retry().map(({ fact, recordedAt }) => this.applyFact(fact, recordedAt, position));
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

const KEPT = new Set([
  'FactRecorded',
  'NoticeRecorded',
  'PlatformFactReceived',
  'StudentIdentitiesSet',
  'PlatformReportImported',
  'SectionDefined',
  'StudentEnrolled',
  'StudentDropped',
  'ItemScheduled',
  'ItemCancelled',
  'ExcuseRecorded',
  'CorrectionRecorded',
  'WaiverGranted',
  'EligibilityFinalized',
  'EligibilityReopened',
]);
/** Configuration that can give a waiting platform fact its section, item or student. */
const PLACES_WAITING = new Set(['SectionDefined', 'ItemScheduled', 'StudentEnrolled']);

/** Student ids, item ids and fact types repeat across millions of facts: one copy of each string is kept. */
const interned = new Map<string, string>();
function intern<T extends string>(value: T): T {
  const known = interned.get(value);
  if (known !== undefined) return known as T;
  interned.set(value, value);
  return value;
}

/** The rules' fact, built as one literal object: the read model holds millions of them. */
function toRulesFact(data: FactRecorded, recordedAt: number): Recorded<ItemFact | AccessFact> {
  const id = data.id;
  const studentId = intern(data.studentId);
  const occurredAt = parseInstant(data.occurredAt)!;
  switch (data.type) {
    case 'course.accessed':
      return { id, studentId, occurredAt, type: 'course.accessed', recordedAt };
    case 'in-person.marked':
      return { id, studentId, occurredAt, type: 'in-person.marked', itemId: intern(data.itemId!), status: intern(data.status!), recordedAt };
    case 'recorded-lecture.viewed':
      return { id, studentId, occurredAt, type: 'recorded-lecture.viewed', itemId: intern(data.itemId!), progress: data.progress, watchedRanges: data.watchedRanges, recordedAt };
    default:
      return { id, studentId, occurredAt, type: intern(data.type), itemId: intern(data.itemId!), recordedAt };
  }
}
