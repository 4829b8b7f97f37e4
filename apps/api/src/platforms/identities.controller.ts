import type { DomainEvent } from '@attendance/domain';
import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Email, StrictObject, Text } from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { Static, Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { ApiBodySchema, valid } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { PlatformIngest } from './platform-ingest';
import { identitiesStream, STUDENT_IDENTITIES_SET, StudentIdentitiesSet } from '@attendance/domain';

/** A platform's id of a person: what its events name the student by. */
const PlatformId = () => Type.Optional(Text(500, 1));

/** A student's ids on the platforms, and the e-mail address their notices and LMS accounts use. */
const IdentitiesBody = StrictObject({
  email: Type.Optional(Email()),
  bigbluebutton: PlatformId(),
  zoom: PlatformId(),
  moodle: PlatformId(),
  canvas: PlatformId(),
  xapi: Type.Optional(StrictObject({ homePage: Text(500, 1), name: Text(500, 1) })),
  caliper: PlatformId(),
  teams: PlatformId(),
  blackboard: PlatformId(),
});

@ApiTags('platforms')
@ApiBearerAuth()
@Controller('api/v1')
export class IdentitiesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly projection: AttendanceProjection,
    private readonly ingest: PlatformIngest,
  ) {}

  /** A student's ids on the platforms; platform events waiting for this student count from now. */
  @Put('students/:studentId/identities')
  @Roles('admin', 'integration')
  @ApiBodySchema(IdentitiesBody)
  async setIdentities(@Param('studentId') studentId: string, @Body(valid(IdentitiesBody)) body: Static<typeof IdentitiesBody>) {
    const identities: StudentIdentitiesSet['identities'] = { ...body };
    const data: StudentIdentitiesSet = { studentId, identities };
    const { position } = await this.store.appendToStream(identitiesStream(studentId), [{ id: randomUUID(), type: STUDENT_IDENTITIES_SET, data }]);
    return { studentId, identities, position: String(position) };
  }

  /** Platform events that match no item or no student yet, with the reason; they count once a link arrives. */
  @Get('webhooks/unmatched')
  @Roles('admin')
  unmatched() {
    return { unmatched: this.projection.model.platforms.unmatched() };
  }

  /** What each platform sent: accepted, duplicates, ignored, and refused (bad signature, bad payload). */
  @Get('webhooks/stats')
  @Roles('admin')
  stats() {
    return { platforms: this.ingest.stats() };
  }
}
