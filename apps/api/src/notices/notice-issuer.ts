import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { excuseNoticeStream, NOTICE_RECORDED, NoticeRecorded, noticeMessage, noticeStream, streakNoticeStream } from '@attendance/domain';
import { CatchUpConsumer, Clock, EventStore, Positioned, WrongExpectedRevisionError } from '@attendance/event-store';
import { absenceStreaks, causesOf, decideNotices, nextNoticeAt, Notice, observeStanding, Policy } from '@attendance/rules';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceReader, StudentRow } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';
import { SideEffectsLease } from '../operations/side-effects-lease';
import { StandingWatches } from './standing-watches';

const TICK_MS = 1000;
/** While a class is on, connected time grows with the clock: the standing is looked at again a minute later, not at every tick. */
const RUNNING_CLASS_RECHECK_MS = 60_000;
const BATCH = 500;
const YIELD_EVERY = 20;
const NOTICES = 'notices';

/**
 * Issues warnings, deprivations and lifted notices (rules I6, I6a) as events. A checkpointed
 * consumer of what the projection has applied: it looks at the enrollments the projection marked
 * as changed up to the position it has reached (once each, however many facts came meanwhile),
 * then moves its checkpoint there; on every tick it looks at those whose standing the clock may
 * have moved. It tells a student only once a level has held for the section's `noticeDelayMinutes`.
 * Each level is told once per enrollment: each notice stream is appended with the revision its
 * decision saw, and an issued level has a fixed event id, so racing instances cannot tell twice.
 */
@Injectable()
export class NoticeIssuer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NoticeIssuer');
  private readonly consumer: CatchUpConsumer<Positioned>;
  private watches!: StandingWatches;
  private running: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly projection: AttendanceProjection,
    private readonly reader: AttendanceReader,
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lease: SideEffectsLease,
  ) {
    // It follows what the projection has applied: the projection marks each change for it in the read store.
    // Only the instance holding the lease issues; the others keep their marks until they take it over.
    const checkpoint = () => this.projection.readStore.checkpoint(NOTICES);
    this.consumer = new CatchUpConsumer(NOTICES, projection.progress, { checkpoint, handle: (steps) => this.handle(steps) }, { clock, gate: lease });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.ready;
    this.watches = new StandingWatches(this.projection.readStore);
    await this.consumer.start();
    this.timer = setInterval(() => void this.tick().catch((error: Error) => this.logger.error(`notice tick failed, tried again at the next: ${error.message}`)), TICK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.consumer.stop();
    await this.running.catch(() => undefined);
  }

  status() {
    return this.consumer.status();
  }

  /** Looks at everything changed up to its checkpoint or due by the clock now; answers once its notices are stored, with the store's head. */
  async tick(): Promise<bigint> {
    if (this.lease.isOpen()) await this.serially(() => this.sweep(this.consumer.handled));
    return this.store.headPosition();
  }

  /** Resolves when every event so far has been looked at, with the store's head position then (at once where another instance issues). */
  async settled(): Promise<bigint> {
    if (this.stopped) return 0n;
    if (!this.lease.isOpen()) return this.store.headPosition();
    for (;;) {
      const head = await this.store.headPosition();
      await this.consumer.waitFor(head);
      await this.serially(() => this.sweep(this.projection.position));
      // A notice it appended is an event too: settled once nothing new came.
      if ((await this.store.headPosition()) === head) return head;
    }
  }

  private async handle(steps: Positioned[]): Promise<void> {
    const upTo = steps[steps.length - 1].position;
    await this.serially(() => this.sweep(upTo));
    this.projection.readStore.setCheckpoint(NOTICES, upTo);
  }

  /** One sweep at a time: the consumer's pages and the clock's ticks take turns. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Looks at the enrollments changed up to `upTo` and at those due by the clock, until none is left. */
  private async sweep(upTo: bigint): Promise<void> {
    const failed = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      const now = this.clock().getTime();
      const statuses = this.projection.model.statuses;
      const batch = [...statuses.noticeDirty(upTo, BATCH), ...this.watches.due(now, BATCH)].filter((e) => !failed.has(e.sectionId + '\u0000' + e.studentId));
      if (batch.length === 0) return;
      for (const [i, { sectionId, studentId }] of batch.entries()) {
        try {
          await this.check(sectionId, studentId, now);
          statuses.noticeSeen(sectionId, studentId, upTo);
        } catch (error) {
          // Nothing is lost: it stays marked, and is looked at again at the next page or tick.
          failed.add(sectionId + '\u0000' + studentId);
          this.logger.error(`notice check failed, tried again later: ${(error as Error).message}`);
        }
        // A sweep of a whole university must not hold the event loop: let requests in between.
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      }
      if (failed.size > 0 && batch.every((e) => failed.has(e.sectionId + '\u0000' + e.studentId))) throw new Error('notice checks failed');
    }
  }

  /**
   * Escalation (a policy setting, off by default): after `consecutiveAbsencesNotice` items missed in
   * a row in a component, a consecutive-absences notice, once per streak (its id names the streak's
   * first item, so a longer streak or another instance adds nothing).
   */
  private async escalate(view: Awaited<ReturnType<AttendanceReader['view']>>, sectionId: string, studentId: string, row: StudentRow, policy: Policy, now: number): Promise<void> {
    // The items with their outcomes: the live answer without evidence keeps none.
    const evaluation = this.reader.evaluate(view, studentId, undefined, true);
    if (!evaluation) return;
    const items = evaluation.items.flatMap((i) => {
      const item = view.state.items.get(i.itemId);
      return item ? [{ itemId: i.itemId, component: item.kind, at: item.startsAt ?? item.dueAt, outcome: i.outcome }] : [];
    });
    const streaks = absenceStreaks(items, policy.consecutiveAbsencesNotice);
    if (streaks.length === 0) return;
    const issuedAt = new Date(now).toISOString();
    await this.store.appendToStream(
      streakNoticeStream(sectionId, studentId),
      streaks.map((streak) => {
        const data = { sectionId, studentId, kind: 'consecutive-absences' as const, status: row.status, issuedAt, components: figuresOf(row, policy), causes: [streak.component], streak };
        return { id: `notice:${JSON.stringify([sectionId, studentId, 'consecutive-absences', streak.component, streak.items[0]])}`, type: NOTICE_RECORDED, data: Object.assign(data, { message: noticeMessage(data) }) };
      }),
    );
  }

  /**
   * A council's step on the student's excuse request (forwarded, accepted, rejected, revoked) is
   * told to the student at once, with where it leaves them; each step once (its id names the
   * request and the step, so another instance or a later check adds nothing).
   */
  private async tellExcuseSteps(view: Awaited<ReturnType<AttendanceReader['view']>>, studentId: string, row: StudentRow, policy: Policy, now: number): Promise<void> {
    const sectionId = view.state.definition!.sectionId;
    const steps = [...view.state.excuseRequests.values()]
      .filter((r) => r.studentId === studentId)
      .flatMap((request) =>
        request.steps.flatMap(({ step, reason }, i) => (step === 'submitted' ? [] : [{ request, step, reason, id: `notice:${JSON.stringify([sectionId, studentId, 'excuse', request.requestId, i])}` }])),
      );
    // Most checks are of students with no decided request: nothing to read.
    if (steps.length === 0) return;
    const told = new Set(this.projection.model.notices.notificationsOf(studentId).map((n) => n.id));
    const issuedAt = new Date(now).toISOString();
    const untold = steps
      .filter(({ id }) => !told.has(id))
      .map(({ request, step, reason, id }) => {
        const data = { sectionId, studentId, kind: `excuse-${step}` as const, status: row.status, issuedAt, components: figuresOf(row, policy), causes: [], excuse: { requestId: request.requestId, itemIds: request.itemIds, ...(reason ? { reason } : {}) } };
        return { id, type: NOTICE_RECORDED as typeof NOTICE_RECORDED, data: Object.assign(data, { message: noticeMessage(data) }) };
      });
    if (untold.length > 0) await this.store.appendToStream(excuseNoticeStream(sectionId, studentId), untold);
  }

  private async check(sectionId: string, studentId: string, now: number, attempt = 1): Promise<void> {
    const status = await this.reader.currentStatus(sectionId, studentId);
    if (!status) {
      this.watches.set(sectionId, studentId, observeStanding(this.watches.get(sectionId, studentId), 'good', now), undefined);
      return;
    }
    const view = await this.reader.view(sectionId);
    const policy = this.reader.policyAt(view.state, now).policy;
    const delayMs = policy.noticeDelayMinutes * 60_000;
    const watch = observeStanding(this.watches.get(sectionId, studentId), status.row.status, now);
    // Like a level, a streak is told only from a standing that has held for the delay (I6a): not from a schedule whose facts are still coming.
    if (policy.consecutiveAbsencesNotice > 0 && now - Math.max(...watch.since) >= delayMs) await this.escalate(view, sectionId, studentId, status.row, policy, now);
    await this.tellExcuseSteps(view, studentId, status.row, policy, now);
    const { state, revision } = this.projection.model.notices.stateOf(sectionId, studentId);
    const decided = decideNotices(state, watch, status.row.status, now, delayMs);
    const running = status.validUntil !== undefined && status.validUntil <= now;
    const changesAt = running ? Math.min(now + RUNNING_CLASS_RECHECK_MS, await this.reader.nextDeadline(sectionId)) : (status.validUntil ?? Infinity);
    const next = Math.min(nextNoticeAt(decided.state, watch, delayMs) ?? Infinity, changesAt);
    this.watches.set(sectionId, studentId, watch, next);
    if (decided.notices.length === 0) return;
    try {
      await this.store.appendToStream(
        noticeStream(sectionId, studentId),
        decided.notices.map((notice) => ({
          id: `notice:${JSON.stringify([sectionId, studentId, notice.kind === 'issued' ? notice.level : `lifted:${String(revision)}`])}`,
          type: NOTICE_RECORDED,
          data: toRecord(sectionId, studentId, notice, status.row, policy, new Date(now).toISOString()),
        })),
        { expectedRevision: revision },
      );
      // Read its own write before deciding on this enrollment again.
      await this.projection.waitFor(await this.store.headPosition(), 60_000);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt > 3) throw error;
      // Another instance (or an earlier check not yet projected) told the student first: look again.
      await this.projection.waitFor(await this.store.headPosition(), 60_000);
      await this.check(sectionId, studentId, now, attempt + 1);
    }
  }
}

/** The notice as data: its kind, every component's figures, what caused it, and the service's wording. */
function toRecord(sectionId: string, studentId: string, notice: Notice, row: StudentRow, policy: Policy, issuedAt: string): NoticeRecorded {
  const components = figuresOf(row, policy);
  const data =
    notice.kind === 'lifted'
      ? { sectionId, studentId, kind: 'lifted' as const, status: notice.to, from: notice.from, issuedAt, components, causes: [] }
      : { sectionId, studentId, kind: notice.level, status: notice.level, issuedAt, components, causes: causesOf(row.components, policy, notice.level) };
  return Object.assign(data, { message: noticeMessage(data) });
}

/** Every component's figures as a notice keeps them: absence against the limit, and what remains allowed. */
function figuresOf(row: StudentRow, policy: Policy): NoticeRecorded['components'] {
  const limitPercent = 100 - policy.thresholdPercent;
  return Object.fromEntries(
    Object.entries(row.components).map(([c, t]) => [c, { absencePercent: t!.absencePercent, limitPercent, absent: t!.absent, planned: t!.planned, allowance: t!.allowance }]),
  );
}
