import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@attendance/event-store';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Roles } from '../auth/roles.decorator';
import { EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { PlatformIngest } from './platform-ingest';
import { identitiesStream, STUDENT_IDENTITIES_SET, StudentIdentitiesSet } from '@attendance/domain';

const Id = () => Length(1, 500);

export class XapiAccountDto {
  @IsString() @Id() homePage: string;
  @IsString() @Id() name: string;
}

export class IdentitiesDto {
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString() @Id() bigbluebutton?: string;
  @IsOptional() @IsString() @Id() zoom?: string;
  @IsOptional() @IsString() @Id() moodle?: string;
  @IsOptional() @IsString() @Id() canvas?: string;
  @IsOptional() @ValidateNested() @Type(() => XapiAccountDto) xapi?: XapiAccountDto;
  @IsOptional() @IsString() @Id() caliper?: string;
  @IsOptional() @IsString() @Id() teams?: string;
  @IsOptional() @IsString() @Id() blackboard?: string;
}

@ApiTags('platforms')
@ApiBearerAuth()
@Controller('api/v1')
export class IdentitiesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: AttendanceProjection,
    private readonly ingest: PlatformIngest,
  ) {}

  /** A student's ids on the platforms; platform events waiting for this student count from now. */
  @Put('students/:studentId/identities')
  @Roles('admin', 'integration')
  async setIdentities(@Param('studentId') studentId: string, @Body() body: IdentitiesDto) {
    const identities = JSON.parse(JSON.stringify(body)) as StudentIdentitiesSet['identities'];
    const data: StudentIdentitiesSet = { studentId, identities };
    const { position } = await this.store.appendToStream(identitiesStream(studentId), [{ id: randomUUID(), type: STUDENT_IDENTITIES_SET, data }]);
    return { studentId, identities, position: String(position) };
  }

  /** Platform events that match no item or no student yet, with the reason; they count once a link arrives. */
  @Get('webhooks/unmatched')
  @Roles('admin')
  unmatched() {
    return { unmatched: this.projection.platforms.unmatched() };
  }

  /** What each platform sent: accepted, duplicates, ignored, and refused (bad signature, bad payload). */
  @Get('webhooks/stats')
  @Roles('admin')
  stats() {
    return { platforms: this.ingest.stats() };
  }
}
