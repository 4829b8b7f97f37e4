import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@attendance/event-store';
import { Public } from '../auth/roles.decorator';
import { EVENT_STORE } from '../config/tokens';
import { ConsumerHealth, ConsumerReportBehind } from '../operations/consumer-health';
import { SideEffectsLease } from '../operations/side-effects-lease';
import { AttendanceProjection } from '../projection/attendance.projection';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: AttendanceProjection,
    private readonly consumerHealth: ConsumerHealth,
    private readonly lease: SideEffectsLease,
  ) {}

  /**
   * Liveness and readiness, and every consumer that follows the store: where it stands, how far
   * behind the store's head, how long its oldest waiting event has waited, its last failure, and
   * whether it is alive. The service is live while every consumer is: one failing for longer than
   * the bound (operations/consumer-liveness.ts) needs a restart or a person.
   */
  @Get('health')
  @Public()
  async health() {
    const head = await this.consumerHealth.head();
    const consumers: Record<string, ConsumerReportBehind> = {};
    for (const report of await this.consumerHealth.withEventsBehind(head)) consumers[report.name] = report;
    const attendance = consumers[this.projection.status().name];
    return {
      status: head === undefined ? 'unavailable' : 'ok',
      live: Object.values(consumers).every((c) => c.alive),
      ready: head !== undefined,
      store: this.store.kind,
      position: head === undefined ? null : String(head),
      projections: {
        attendance: { position: attendance.position, resumedFrom: String(this.projection.resumedFrom), eventsBehind: attendance.eventsBehind, lagMs: attendance.lagMs },
      },
      consumers,
      // Whether this instance issues and delivers notices now, and which instance did at the last look.
      lease: { held: this.lease.isOpen(), holder: this.lease.holderSeen ?? null, ...(this.lease.lastError ? { lastError: this.lease.lastError } : {}) },
    };
  }
}
