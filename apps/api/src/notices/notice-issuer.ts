import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { isActive, NOTICE_RECORDED, NoticeRecorded, noticeMessage, noticeStream } from '@attendance/domain';
import { Clock, EventStore, WrongExpectedRevisionError } from '@attendance/event-store';
import { causesOf, decideNotices, itemDeadline, nextNoticeAt, Notice, observeStanding, Policy } from '@attendance/rules';
import type { Subscription as RxSubscription } from 'rxjs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceReader, StudentRow } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';
import { StandingWatches } from './standing-watches';

const TICK_MS = 1000;
const GATHER_MS = 50;
const SEP = '\u0000';

/**
 * Issues warnings, deprivations and lifted notices (rules I6, I6a) as events. It watches each
 * enrollment's standing as facts, sections and deadlines move it, and tells the student only
 * once a level has held for the section's `noticeDelayMinutes`. Each level is told once per
 * enrollment: each notice stream is appended with the revision its decision saw, and an issued
 * level has a fixed event id, so instances racing on one store cannot tell a student twice.
 */
@Injectable()
export class NoticeIssuer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NoticeIssuer');
  private readonly dirty = new Set<string>();
  /** Enrollments whose standing is waiting out the delay, with when it will have held long enough. */
  private readonly due = new Map<string, number>();
  private readonly watches: StandingWatches;
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private lastTick = 0;
  private timer?: NodeJS.Timeout;
  private changes?: RxSubscription;
  private stopped = false;

  constructor(
    private readonly projection: AttendanceProjection,
    private readonly reader: AttendanceReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.watches = new StandingWatches(join(config.dataDir, 'notices.sqlite'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.ready;
    this.changes = this.projection.changes.subscribe((change) => {
      if (change.type === NOTICE_RECORDED) return;
      if (change.studentId && !SECTION_WIDE.has(change.type)) this.markStudent(change.sectionId, change.studentId);
      else this.markSection(change.sectionId);
    });
    this.lastTick = this.clock().getTime();
    for (const sectionId of this.projection.sectionIds()) this.markSection(sectionId);
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.changes?.unsubscribe();
    await this.running;
    this.watches.close();
  }

  /**
   * Checks the sections whose deadlines passed since the last tick and the enrollments whose
   * standing has now held long enough; answers once their notices are stored.
   */
  async tick(): Promise<bigint> {
    if (this.stopped) return 0n;
    const now = this.clock().getTime();
    for (const sectionId of this.projection.sectionIds()) {
      const view = this.projection.section(sectionId)!;
      if (!view.state.section) continue;
      const passed = [...view.state.items.values()].some((item) => {
        const deadline = itemDeadline(item, view.state.section!);
        return deadline !== undefined && deadline > this.lastTick && deadline <= now;
      });
      if (passed) this.markSection(sectionId);
    }
    for (const [key, at] of this.due) {
      if (at > now) continue;
      this.due.delete(key);
      this.dirty.add(key);
    }
    this.lastTick = now;
    this.schedule();
    return this.settled();
  }

  /** Resolves when every pending check is done, with the store's head position then. */
  async settled(): Promise<bigint> {
    while (!this.stopped && (this.dirty.size > 0 || this.scheduled)) {
      this.schedule();
      await this.running;
    }
    await this.running;
    return this.stopped ? 0n : this.store.headPosition();
  }

  private markSection(sectionId: string): void {
    const view = this.projection.section(sectionId);
    if (!view) return;
    for (const e of view.state.enrollments.values()) if (isActive(e)) this.dirty.add(sectionId + SEP + e.studentId);
    this.schedule();
  }

  private markStudent(sectionId: string, studentId: string): void {
    this.dirty.add(sectionId + SEP + studentId);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || this.dirty.size === 0) return;
    this.scheduled = true;
    this.running = this.running.then(
      () =>
        new Promise<void>((resolve) =>
          // A short pause gathers a burst of facts, so a student is evaluated once for all of them.
          setTimeout(() => {
            this.scheduled = false;
            void this.process().then(resolve);
          }, GATHER_MS),
        ),
    );
  }

  private async process(): Promise<void> {
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const [i, key] of keys.entries()) {
      if (this.stopped) break;
      // A sweep of a whole university must not hold the event loop: let requests in between.
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      const [sectionId, studentId] = key.split(SEP);
      try {
        await this.check(sectionId, studentId);
      } catch (error) {
        // Nothing is lost: the enrollment is checked again at the next tick.
        this.logger.error(`notice check failed, retried at the next tick: ${(error as Error).message}`)
        this.due.set(key, this.clock().getTime());
      }
    }
    this.watches.save();
  }

  private async check(sectionId: string, studentId: string, attempt = 1): Promise<void> {
    const key = sectionId + SEP + studentId;
    const view = this.projection.section(sectionId);
    const row = view && this.reader.studentRow(view, studentId);
    if (!view || !row) {
      this.due.delete(key);
      return;
    }
    const now = this.clock().getTime();
    const policy = view.state.policy;
    const delayMs = policy.noticeDelayMinutes * 60_000;
    const watch = observeStanding(this.watches.get(key), row.status, now);
    this.watches.set(key, watch);
    const { state, revision } = this.projection.notices.stateOf(sectionId, studentId);
    const decided = decideNotices(state, watch, row.status, now, delayMs)
    const next = nextNoticeAt(decided.state, watch, delayMs);
    if (next === undefined) this.due.delete(key);
    else this.due.set(key, next);
    if (decided.notices.length === 0) return;
    try {
      await this.store.appendToStream(
        noticeStream(sectionId, studentId),
        decided.notices.map((notice) => ({
          id: `notice:${JSON.stringify([sectionId, studentId, notice.kind === 'issued' ? notice.level : `lifted:${String(revision)}`])}`,
          type: NOTICE_RECORDED,
          data: toRecord(sectionId, studentId, notice, row, policy, new Date(now).toISOString()),
        })),
        { expectedRevision: revision },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt > 3) throw error;
      // Another instance (or an earlier check not yet projected) told the student first: look again.
      await this.projection.waitFor(await this.store.headPosition());
      await this.check(sectionId, studentId, attempt + 1);
    }
  }
}

/** Changes that can move every student of the section: its plan, its policy, or anyone's mark. */
const SECTION_WIDE = new Set(['SectionDefined', 'ItemScheduled', 'ItemCancelled', 'EligibilityFinalized', 'EligibilityReopened', 'in-person.marked', 'PlatformReportImported']);

/** The notice as data: its kind, every component's figures, what caused it, and the service's wording. */
function toRecord(sectionId: string, studentId: string, notice: Notice, row: StudentRow, policy: Policy, issuedAt: string): NoticeRecorded {
  const limitPercent = 100 - policy.thresholdPercent;
  const components = Object.fromEntries(
    Object.entries(row.components).map(([c, t]) => [c, { absencePercent: t!.absencePercent, limitPercent, absent: t!.absent, planned: t!.planned, allowance: t!.allowance }]),
  );
  const data =
    notice.kind === 'lifted'
      ? { sectionId, studentId, kind: 'lifted' as const, status: notice.to, from: notice.from, issuedAt, components, causes: [] }
      : { sectionId, studentId, kind: notice.level, status: notice.level, issuedAt, components, causes: causesOf(row.components, policy, notice.level) };
  return { ...data, message: noticeMessage(data) };
}
