import { BadRequestException, Body, Controller, HttpCode, Inject, PayloadTooLargeException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { FactBody, factProblems, FactRecorded } from '@attendance/domain';
import type { Clock } from '@attendance/event-store';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK } from '../config/tokens';
import { ServiceMetrics } from '../operations/metrics';
import { AttendanceProjection } from '../projection/attendance.projection';
import { RecordFacts } from './record-facts.command';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/events')
export class FactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projection: AttendanceProjection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: ServiceMetrics,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'integration', 'faculty')
  @ApiBody({ schema: { type: 'object', properties: { events: { type: 'array', maxItems: 1000, items: FactBody as object } }, required: ['events'], additionalProperties: false } })
  async record(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const events = this.envelope(body);
    const now = this.clock().getTime();
    const facts = events.map((raw, index) => this.toFact(raw, index, by, now));
    const { position, results } = await this.commands.execute(new RecordFacts(facts));
    this.metrics.countFactResults('api', results);
    return { position: String(position), results };
  }

  private envelope(body: unknown): unknown[] {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException('body must be a JSON object with an events array');
    const unknown = Object.keys(body).filter((k) => k !== 'events');
    if (unknown.length > 0) throw new BadRequestException(`property ${unknown[0]} should not exist`);
    const { events } = body as { events?: unknown };
    if (!Array.isArray(events)) throw new BadRequestException('events must be an array of facts');
    if (events.length > this.config.maxFactsPerRequest) {
      throw new PayloadTooLargeException(`events holds ${events.length} facts; at most ${this.config.maxFactsPerRequest} are allowed a request`);
    }
    return events;
  }

  private toFact(raw: unknown, index: number, by: Principal, now: number): FactRecorded | { id: string; rejected: string } {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${index}`;
    const problems = factProblems(raw, now, `events[${index}]`);
    if (problems.length > 0) return { id, rejected: problems.join('; ') };
    const fact = raw as FactBody;
    if (by.role === 'faculty' && !this.projection.model.definition(fact.sectionId)?.instructors.includes(by.subject)) {
      return { id, rejected: `events[${index}].sectionId: faculty ${by.subject} does not teach section ${fact.sectionId}` };
    }
    // Added to the parsed body, not spread into a copy: V8 gives every object a spread made in optimized code a shape of its own.
    return Object.assign(fact, { source: by.role === 'integration' ? `integration:${by.subject}` : by.role });
  }
}
