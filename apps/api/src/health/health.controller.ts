import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConsumerStatus, EventStore } from '@attendance/event-store';
import { Public } from '../auth/roles.decorator';
import { EVENT_STORE } from '../config/tokens';
import { NoticeIssuer } from '../notices/notice-issuer';
import { WebhookDispatcher } from '../outbound/webhook-dispatcher';
import { AttendanceProjection } from '../projection/attendance.projection';

/** Events after a position, counted up to this many (a consumer further behind shows this figure). */
const COUNT_LIMIT = 10_000;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: AttendanceProjection,
    private readonly issuer: NoticeIssuer,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * Liveness and readiness, and every consumer that follows the store: where it stands, how far
   * behind the store's head, how long its oldest waiting event has waited, and its last failure.
   */
  @Get('health')
  @Public()
  async health() {
    let head: bigint | undefined;
    try {
      head = await this.store.headPosition();
    } catch {
      head = undefined;
    }
    const consumers: Record<string, ConsumerStatus & { eventsBehind: number | null }> = {};
    for (const status of [this.projection.status(), this.issuer.status(), ...this.dispatcher.consumerStatuses()]) {
      consumers[status.name] = { ...status, eventsBehind: await this.behind(BigInt(status.position), head) };
    }
    const attendance = consumers[this.projection.status().name];
    return {
      status: head === undefined ? 'unavailable' : 'ok',
      live: true,
      ready: head !== undefined,
      store: this.store.kind,
      position: head === undefined ? null : String(head),
      projections: {
        attendance: { position: attendance.position, resumedFrom: String(this.projection.resumedFrom), eventsBehind: attendance.eventsBehind, lagMs: attendance.lagMs },
      },
      consumers,
    };
  }

  private async behind(position: bigint, head: bigint | undefined): Promise<number | null> {
    if (head === undefined) return null;
    if (position >= head) return 0;
    return (await this.store.readAll({ after: position, maxCount: COUNT_LIMIT })).length;
  }
}
