import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore, StoredEvent, Subscription } from '@attendance/event-store';
import type { AccessFact, ItemFact } from '@attendance/rules';
import { Subject } from 'rxjs';
import { EVENT_STORE } from '../config/tokens';
import { FACT_RECORDED, FactRecorded } from '../facts/fact.events';
import { SECTION_EVENT_TYPES, SectionEvent } from '../sections/section.events';
import { NoticeBook, Notification } from '../notices/notice-book';
import { NOTICE_RECORDED } from '../notices/notice.events';
import { Recorded, SectionView } from './section-view';

export interface Change {
  sectionId: string;
  studentId?: string;
  type: string;
  position: string;
}

/**
 * The read model of every section, fed by a subscription to all events. It is held in memory
 * and rebuilt from the events at every start, so it always equals a rebuild from zero.
 */
@Injectable()
export class AttendanceProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AttendanceProjection');
  private readonly sections = new Map<string, SectionView>();
  private readonly sectionsByStudent = new Map<string, Set<string>>();
  private subscription?: Subscription;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  position = 0n;
  lastEventAt?: Date;
  readonly changes = new Subject<Change>();
  readonly notices = new NoticeBook();
  readonly notifications = new Subject<Notification>();
  /** Resolves once the projection has caught up with the store at start. */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private running?: Promise<void>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onApplicationBootstrap(): Promise<void> {
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribeToAll({ after: 0n });
    this.running = this.consume(this.subscription);
    await this.waitFor(head, 10 * 60_000);
    this.markReady();
    this.logger.log(`caught up at position ${this.position}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.running;
  }

  section(sectionId: string): SectionView | undefined {
    return this.sections.get(sectionId);
  }

  sectionIds(): string[] {
    return [...this.sections.keys()];
  }

  sectionIdsOf(studentId: string): string[] {
    return [...(this.sectionsByStudent.get(studentId) ?? [])].sort();
  }

  /** Resolves once the projection has seen `position`; 503 after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs = 5000): Promise<void> {
    if (this.position >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new ServiceUnavailableException(`the read model has not reached position ${position} yet; retry`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        this.apply(event);
        this.position = event.position;
        this.lastEventAt = event.recordedAt;
        this.wakeWaiters();
      }
    } catch (error) {
      this.logger.error(`subscription stopped: ${(error as Error).stack}`);
    }
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const w of ready) w.resolve();
  }

  private viewOf(sectionId: string): SectionView {
    let view = this.sections.get(sectionId);
    if (!view) this.sections.set(sectionId, (view = new SectionView(sectionId)));
    return view;
  }

  private apply(event: StoredEvent): void {
    const recordedAt = event.recordedAt.getTime();
    if (event.type === FACT_RECORDED) {
      const data = event.data as FactRecorded;
      const fact = { ...toRulesFact(data), recordedAt };
      this.viewOf(data.sectionId).applyFact(fact);
      this.emit({ sectionId: data.sectionId, studentId: data.studentId, type: data.type }, event);
      return;
    }
    if (event.type === NOTICE_RECORDED) {
      const notification = this.notices.apply(event);
      this.emit({ sectionId: notification.sectionId, studentId: notification.studentId, type: NOTICE_RECORDED }, event);
      if (this.notifications.observed) this.notifications.next(notification);
      return;
    }
    if (SECTION_EVENT_TYPES.has(event.type)) {
      const sectionEvent = { type: event.type, data: event.data } as SectionEvent;
      const sectionId = sectionEvent.data.sectionId;
      this.viewOf(sectionId).applyConfig(sectionEvent, recordedAt);
      const studentId = 'studentId' in sectionEvent.data ? sectionEvent.data.studentId : undefined;
      if (sectionEvent.type === 'StudentEnrolled') this.indexStudent(sectionEvent.data.studentId).add(sectionId);
      if (sectionEvent.type === 'StudentDropped') this.indexStudent(sectionEvent.data.studentId).delete(sectionId);
      this.emit({ sectionId, studentId, type: event.type }, event);
    }
  }

  private indexStudent(studentId: string): Set<string> {
    let sections = this.sectionsByStudent.get(studentId);
    if (!sections) this.sectionsByStudent.set(studentId, (sections = new Set()));
    return sections;
  }

  private emit(change: Omit<Change, 'position'>, event: StoredEvent): void {
    if (this.changes.observed) this.changes.next({ ...change, position: String(event.position) });
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

export type { Recorded };
