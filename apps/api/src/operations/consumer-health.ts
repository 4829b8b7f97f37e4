import { Inject, Injectable } from '@nestjs/common';
import type { Clock, ConsumerStatus, EventStore } from '@attendance/event-store';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { NoticeMailer } from '../mail/notice-mailer';
import { NoticeIssuer } from '../notices/notice-issuer';
import { WebhookDispatcher } from '../outbound/webhook-dispatcher';
import { AttendanceProjection } from '../projection/attendance.projection';
import { consumerIsAlive } from './consumer-liveness';
import { EventsBehind } from './events-behind';

export type ConsumerReport = ConsumerStatus & { alive: boolean };
export type ConsumerReportBehind = ConsumerReport & { eventsBehind: number | null };

/**
 * Every consumer that follows the store — the projection, the notice issuer, the outbound
 * webhooks, the notice mailer — as /health and /metrics show them: its own status, whether it is alive, and how
 * many events it is behind the store's head. Read from the consumers' `status()` when asked.
 */
@Injectable()
export class ConsumerHealth {
  private readonly startedAt: number;
  private readonly behind: EventsBehind;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projection: AttendanceProjection,
    private readonly issuer: NoticeIssuer,
    private readonly dispatcher: WebhookDispatcher,
    private readonly mailer: NoticeMailer,
  ) {
    this.startedAt = clock().getTime();
    this.behind = new EventsBehind(store);
  }

  /** Each consumer's status and liveness; reads nothing from the store. */
  statuses(): ConsumerReport[] {
    const now = this.clock().getTime();
    return [this.projection.status(), this.issuer.status(), ...this.dispatcher.consumerStatuses(), ...this.mailer.consumerStatuses()].map((status) => ({
      ...status,
      alive: consumerIsAlive(status, now, this.startedAt),
    }));
  }

  /** The store's head, or undefined when the store does not answer. */
  async head(): Promise<bigint | undefined> {
    try {
      return await this.store.headPosition();
    } catch {
      return undefined;
    }
  }

  /** Each consumer with the events it is behind `head` (null when the store does not answer). */
  async withEventsBehind(head: bigint | undefined): Promise<ConsumerReportBehind[]> {
    const reports: ConsumerReportBehind[] = [];
    for (const status of this.statuses()) {
      reports.push({ ...status, eventsBehind: head === undefined ? null : await this.eventsBehind(BigInt(status.position), head) });
    }
    return reports;
  }

  private async eventsBehind(position: bigint, head: bigint): Promise<number | null> {
    try {
      return await this.behind.count(position, head);
    } catch {
      return null;
    }
  }
}
