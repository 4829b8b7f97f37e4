import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Clock, EventStore } from '@attendance/event-store';
import { Public } from '../auth/roles.decorator';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: AttendanceProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('health')
  @Public()
  async health() {
    let head: bigint | undefined;
    try {
      head = await this.store.headPosition();
    } catch {
      head = undefined;
    }
    const behind = head === undefined ? undefined : (await this.store.readAll({ after: this.projection.position, maxCount: 10_000 })).length;
    const lagMs = !behind || this.projection.lastEventAt === undefined ? 0 : Math.max(0, this.clock().getTime() - this.projection.lastEventAt.getTime());
    return {
      status: head === undefined ? 'unavailable' : 'ok',
      live: true,
      ready: head !== undefined,
      store: this.store.kind,
      position: head === undefined ? null : String(head),
      projections: {
        attendance: { position: String(this.projection.position), resumedFrom: String(this.projection.resumedFrom), eventsBehind: behind ?? null, lagMs },
      },
    };
  }
}
