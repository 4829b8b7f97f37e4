import { BadRequestException, Body, Controller, HttpCode, Inject, PayloadTooLargeException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';
import { validatePlain } from '../common/validation';
import { AttendanceProjection } from '../projection/attendance.projection';
import { FactDto } from './fact.dto';
import type { FactRecorded } from './fact.events';
import { RecordFacts } from './record-facts.command';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/events')
export class FactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projection: AttendanceProjection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'integration', 'faculty')
  @ApiBody({ schema: { type: 'object', properties: { events: { type: 'array', items: { type: 'object' } } }, required: ['events'] } })
  async record(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const events = this.envelope(body);
    const facts = events.map((raw, index) => this.toFact(raw, index, by));
    const { position, results } = await this.commands.execute(new RecordFacts(facts));
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

  private toFact(raw: unknown, index: number, by: Principal): FactRecorded | { id: string; rejected: string } {
    const { value, problems } = validatePlain(FactDto, raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${index}`;
    if (problems.length > 0) return { id, rejected: problems.map((p) => (p.startsWith('must ') ? `events[${index}] ${p}` : `events[${index}].${p}`)).join('; ') };
    if (by.role === 'faculty' && !this.projection.section(value.sectionId)?.state.definition?.instructors.includes(by.subject)) {
      return { id, rejected: `events[${index}].sectionId: faculty ${by.subject} does not teach section ${value.sectionId}` };
    }
    return { ...value, source: by.role === 'integration' ? `integration:${by.subject}` : by.role } as FactRecorded;
  }
}
