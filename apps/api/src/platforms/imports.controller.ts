import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { translateCollaborateAttendees, translateLearnMeetingAttendance } from '@attendance/platforms/blackboard';
import { translateTeamsAttendanceReport } from '@attendance/platforms/teams';
import { IsIn, IsObject, IsString, Length, ValidateIf } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { IsIsoDateTime } from '../common/iso-date';
import { PlatformIngest } from './platform-ingest';

export class TeamsImportDto {
  /** The Teams meeting id the report belongs to (what an item's links.teams holds). */
  @IsString() @Length(1, 500) meetingId: string;
  /** The Graph meetingAttendanceReport, or a page of its attendanceRecords. */
  @IsObject() report: Record<string, unknown>;
}

export class BlackboardImportDto {
  @IsIn(['collaborate', 'learn']) kind: 'collaborate' | 'learn';
  /** Collaborate session id or Learn meeting id (what an item's links.blackboard holds). */
  @IsString() @Length(1, 500) sessionId: string;
  @IsObject() report: Record<string, unknown>;
  /** Learn attendance carries no time: when it was pulled orders the marks; the same pull again is the same facts. */
  @ValidateIf((o: BlackboardImportDto) => o.kind === 'learn') @IsIsoDateTime() pulledAt?: string;
}

/**
 * Teams and Blackboard are pulled, not pushed: an integration posts the report it fetched. The
 * import also records that the meeting's report is in, so its classes are decided from then on.
 */
@ApiTags('platforms')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly ingest: PlatformIngest) {}

  @Post('teams')
  @HttpCode(200)
  @Roles('admin', 'integration')
  teams(@Body() body: TeamsImportDto) {
    return this.ingest.translateAndRecord('teams', () => translateTeamsAttendanceReport(body.report, body.meetingId), { platform: 'teams', activity: body.meetingId });
  }

  @Post('blackboard')
  @HttpCode(200)
  @Roles('admin', 'integration')
  blackboard(@Body() body: BlackboardImportDto) {
    return this.ingest.translateAndRecord(
      'blackboard',
      () => (body.kind === 'collaborate' ? translateCollaborateAttendees(body.report, body.sessionId) : translateLearnMeetingAttendance(body.report, body.sessionId, body.pulledAt!)),
      { platform: 'blackboard', activity: body.sessionId },
    );
  }
}
