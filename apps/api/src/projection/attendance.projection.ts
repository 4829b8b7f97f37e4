import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { CatchUpConsumer, Clock, ConsumerSource, EventStore, Positioned, StoredEvent } from '@attendance/event-store';
import { Subject } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import { ReadStore, readStoreFileIn } from '../store/read-store';
import { SkippedEvents } from '../store/skipped-events';
import { storeIdentity } from '../store/store-identity';
import type { Notification } from './notice-book';
import { Change, PROJECTION, ReadModel } from './read-model';

export type { Change };

/**
 * Keeps the read side current: a checkpointed consumer of the event store that applies each page
 * to the read store with its checkpoint in one transaction. A restart resumes after the
 * checkpoint at once; nothing is replayed. It tells the live feeds and the notice issuer what changed.
 */
@Injectable()
export class AttendanceProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AttendanceProjection');
  readonly readStore: ReadStore;
  readonly model: ReadModel;
  private readonly consumer: CatchUpConsumer;
  /** The checkpoint this run started from: 0 after a rebuild or on a new data folder. */
  readonly resumedFrom: bigint;
  readonly changes = new Subject<Change>();
  readonly notifications = new Subject<Notification>();
  /** Resolves once the projection has caught up with the store at start. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    skipped: SkippedEvents,
  ) {
    this.readStore = new ReadStore(readStoreFileIn(config.dataDir));
    this.model = new ReadModel(this.readStore, store, config.readCache, (event, problem) => skipped.report(event, problem));
    this.resumedFrom = this.model.position;
    this.consumer = new CatchUpConsumer(PROJECTION, store, { checkpoint: () => this.model.position, handle: (page) => this.handle(page) }, { clock });
    skipped.persistedIn(this.readStore);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readStore.belongsTo(await storeIdentity(this.store));
    const head = await this.store.headPosition();
    await this.consumer.start();
    await this.consumer.waitFor(head);
    this.markReady();
    this.logger.log(`resumed from position ${this.resumedFrom}, caught up at ${this.model.position}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.readStore.close();
  }

  get position(): bigint {
    return this.model.position;
  }

  status() {
    return this.consumer.status();
  }

  /** Runs `work` in one transaction of the read store (statuses written back by the readers). */
  transaction<T>(work: () => T): T {
    return this.readStore.transaction(work);
  }

  /** Resolves once the projection has seen `position`; 503 after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs = 5000): Promise<void> {
    if (this.model.position >= position) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServiceUnavailableException(`the read model has not reached position ${position} yet; retry`)), timeoutMs);
    });
    try {
      await Promise.race([this.consumer.waitFor(position), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once everything stored before the call has been applied (a read that must see every instance's writes). */
  async waitForHead(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  /**
   * The projection's progress as a source for consumers of what it has applied (the notice
   * issuer): one step a page, at the page's last position.
   */
  readonly progress: ConsumerSource<Positioned> = {
    read: async (after) => (this.model.position > after ? [{ position: this.model.position, recordedAt: this.lastRecordedAt }] : []),
    waitFor: (after, signal) =>
      new Promise((resolve) => {
        if (this.model.position > after || signal.aborted) return resolve();
        const done = () => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        signal.addEventListener('abort', done);
        void this.consumer.waitFor(after + 1n).then(done);
      }),
  };
  private lastRecordedAt = new Date(0);

  private handle(page: StoredEvent[]): void {
    const changes = this.model.apply(page);
    this.lastRecordedAt = page[page.length - 1].recordedAt;
    for (const change of changes) {
      if (this.changes.observed) this.changes.next(change);
      if (change.notification && this.notifications.observed) this.notifications.next(change.notification);
    }
  }
}
