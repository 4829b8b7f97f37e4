import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore, StoredEvent, Subscription } from '@attendance/event-store';
import { Subject } from 'rxjs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../config/tokens';
import type { Notification } from '../notices/notice-book';
import { Change, ReadModel } from './read-model';
import { ReadModelFile } from './read-model-file';
import { SkippedEvents } from '../store/skipped-events';
import type { SectionView } from './section-view';

export type { Change };
export const readModelFileIn = (dataDir: string) => join(dataDir, 'readmodel.sqlite');

/**
 * Keeps the read model current: at start it loads what the read-model file holds, then
 * subscribes to every event after the file's checkpoint, and writes what it applies back to
 * the file with the new checkpoint in one transaction.
 */
@Injectable()
export class AttendanceProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AttendanceProjection');
  private readonly model: ReadModel;
  private readonly file: ReadModelFile;
  private subscription?: Subscription;
  private running?: Promise<void>;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private unsaved: StoredEvent[] = [];
  private saveScheduled = false;
  private closed = false;
  position = 0n;
  /** The checkpoint this run started from: 0 after a rebuild or on a new data folder. */
  resumedFrom = 0n;
  lastEventAt?: Date;
  readonly changes = new Subject<Change>();
  readonly notifications = new Subject<Notification>();
  readonly notices: ReadModel['notices'];
  /** Resolves once the projection has caught up with the store at start. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    skipped: SkippedEvents,
  ) {
    this.model = new ReadModel((event, problem) => skipped.report(event, problem));
    this.notices = this.model.notices;
    this.file = new ReadModelFile(readModelFileIn(config.dataDir));
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onApplicationBootstrap(): Promise<void> {
    let loaded = 0;
    for (const event of this.file.events()) {
      this.model.apply(event);
      loaded++;
    }
    this.position = this.resumedFrom = this.file.checkpoint();
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribeToAll({ after: this.position });
    this.running = this.consume(this.subscription);
    await this.waitFor(head, 10 * 60_000);
    this.markReady();
    this.logger.log(`loaded ${loaded} events from the read-model file, caught up at position ${this.position}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.save();
    this.closed = true;
    this.file.close();
  }

  section(sectionId: string): SectionView | undefined {
    return this.model.sections.get(sectionId);
  }

  sectionIds(): string[] {
    return [...this.model.sections.keys()];
  }

  sectionIdsOf(studentId: string): string[] {
    return this.model.sectionIdsOf(studentId);
  }

  get platforms() {
    return this.model.platforms;
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
        const changes = this.model.apply(event);
        if (ReadModel.uses(event)) this.unsaved.push(event);
        this.position = event.position;
        this.lastEventAt = event.recordedAt;
        this.scheduleSave();
        this.wakeWaiters();
        for (const change of changes) this.emit(change);
      }
    } catch (error) {
      this.logger.error(`subscription stopped: ${(error as Error).stack}`);
    }
  }

  /** Writes what was applied since the last save, once the current burst of events is taken. */
  private scheduleSave(): void {
    if (this.saveScheduled) return;
    this.saveScheduled = true;
    setImmediate(() => this.save());
  }

  private save(): void {
    this.saveScheduled = false;
    if (this.closed) return;
    const events = this.unsaved;
    this.unsaved = [];
    this.file.record(events, this.position);
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const w of ready) w.resolve();
  }

  private emit(change: Change): void {
    if (this.changes.observed) this.changes.next(change);
    if (change.notification && this.notifications.observed) this.notifications.next(change.notification);
  }
}
