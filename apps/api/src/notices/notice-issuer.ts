import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Clock, EventStore, WrongExpectedRevisionError } from '@attendance/event-store';
import { decideNotices, itemDeadline, Notice } from '@attendance/rules';
import type { Subscription as RxSubscription } from 'rxjs';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceReader, StudentRow } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';
import { isActive } from '../sections/section-state';
import { NOTICE_RECORDED, NoticeRecorded, noticeStream } from './notice.events';

const TICK_MS = 1000;
const GATHER_MS = 50;
const SEP = '\u0000';

/**
 * Issues warnings, deprivations and lifted notices (rules I6) as events, once per level per
 * enrollment: each notice stream is appended with the revision its decision saw, and an issued
 * level has a fixed event id, so instances racing on one store cannot tell a student twice.
 * Enrollments are checked when their facts or their section change, and when a deadline passes.
 */
@Injectable()
export class NoticeIssuer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NoticeIssuer');
  private readonly dirty = new Set<string>();
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
  ) {}

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
  }

  /** Checks the sections whose deadlines passed since the last tick; answers once their notices are stored. */
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
    this.lastTick = now;
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
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.running = this.running.then(
      () =>
        new Promise<void>((resolve) =>
          // A short pause gathers a burst of facts, so a student is evaluated once for all of them.
          setTimeout(() => {
            this.scheduled = false;
            this.process().then(resolve, (error) => {
              this.logger.error(`notice check failed: ${(error as Error).stack}`);
              resolve();
            });
          }, GATHER_MS),
        ),
    );
  }

  private async process(): Promise<void> {
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const [i, key] of keys.entries()) {
      if (this.stopped) return;
      // A sweep of a whole university must not hold the event loop: let requests in between.
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      const [sectionId, studentId] = key.split(SEP);
      await this.check(sectionId, studentId);
    }
  }

  private async check(sectionId: string, studentId: string, attempt = 1): Promise<void> {
    const view = this.projection.section(sectionId);
    const row = view && this.reader.studentRow(view, studentId);
    if (!row) return;
    const { state, revision } = this.projection.notices.stateOf(sectionId, studentId);
    const { notices } = decideNotices(state, row.status);
    if (notices.length === 0) return;
    const at = this.clock().toISOString();
    try {
      await this.store.appendToStream(
        noticeStream(sectionId, studentId),
        notices.map((notice) => ({
          id: notice.kind === 'issued' ? `notice:${sectionId}:${studentId}:${notice.level}` : `notice:${sectionId}:${studentId}:lifted:${String(revision)}`,
          type: NOTICE_RECORDED,
          data: toRecord(sectionId, studentId, notice, row, at),
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
const SECTION_WIDE = new Set(['SectionDefined', 'ItemScheduled', 'ItemCancelled', 'EligibilityFinalized', 'EligibilityReopened', 'in-person.marked']);

function toRecord(sectionId: string, studentId: string, notice: Notice, row: StudentRow, at: string): NoticeRecorded {
  const absencePercents = Object.fromEntries(Object.entries(row.components).map(([c, t]) => [c, t!.absencePercent]));
  const worst = Object.entries(absencePercents).sort((a, b) => b[1] - a[1])[0];
  const detail = worst ? ` (${worst[0]} absence ${worst[1]}%)` : '';
  if (notice.kind === 'lifted') {
    return { sectionId, studentId, kind: 'lifted', status: notice.to, from: notice.from, at, absencePercents, message: `${notice.from} lifted: the status is now ${notice.to}${detail}` };
  }
  const message =
    notice.level === 'deprived'
      ? `deprived (محروم) of the final exam in section ${sectionId}${detail}`
      : `${notice.level === 'warning-1' ? 'first' : 'second'} warning in section ${sectionId}${detail}`;
  return { sectionId, studentId, kind: notice.level, status: notice.level, at, absencePercents, message };
}
