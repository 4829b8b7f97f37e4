import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { translateCollaborateAttendees, translateLearnMeetingAttendance } from '@attendance/platforms/blackboard';
import { translateTeamsAttendanceReport } from '@attendance/platforms/teams';
import { Instant, OneOf, StrictObject, Text } from '@attendance/domain';
import { Static, Type } from '@sinclair/typebox';
import { Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import { PlatformIngest } from './platform-ingest';

const TeamsImportBody = StrictObject({
  /** The Teams meeting id the report belongs to (what an item's links.teams holds). */
  meetingId: Text(500, 1),
  /** The Graph meetingAttendanceReport, or a page of its attendanceRecords. */
  report: Type.Record(Type.String(), Type.Unknown()),
});

const BlackboardImportBody = StrictObject({
  kind: OneOf(['collaborate', 'learn'] as const),
  /** Collaborate session id or Learn meeting id (what an item's links.blackboard holds). */
  sessionId: Text(500, 1),
  report: Type.Record(Type.String(), Type.Unknown()),
  /** Learn attendance carries no time: when it was pulled orders the marks; the same pull again is the same facts. */
  pulledAt: Type.Optional(Instant()),
});

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
  @ApiBodySchema(TeamsImportBody)
  teams(@Body(valid(TeamsImportBody)) body: Static<typeof TeamsImportBody>) {
    return this.ingest.translateAndRecord('teams', () => translateTeamsAttendanceReport(body.report, body.meetingId), { report: { platform: 'teams', activity: body.meetingId }, field: 'report' });
  }

  @Post('blackboard')
  @HttpCode(200)
  @Roles('admin', 'integration')
  @ApiBodySchema(BlackboardImportBody)
  blackboard(@Body(valid(BlackboardImportBody)) body: Static<typeof BlackboardImportBody>) {
    if (body.kind === 'learn' && body.pulledAt === undefined) throw new BadRequestException('pulledAt is required for a learn report');
    return this.ingest.translateAndRecord(
      'blackboard',
      () => (body.kind === 'collaborate' ? translateCollaborateAttendees(body.report, body.sessionId) : translateLearnMeetingAttendance(body.report, body.sessionId, body.pulledAt!)),
      { report: { platform: 'blackboard', activity: body.sessionId }, field: 'report' },
    );
  }
}
