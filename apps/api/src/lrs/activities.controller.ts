import { BadRequestException, Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import type { RawRequest } from '../platforms/raw-request';
import { AttendanceProjection } from '../projection/attendance.projection';
import { LrsAccess } from './lrs-access';
import { answer, lrsRequest } from './lrs-request';

/** The Activities resource (xAPI 1.0.3 Communication §2.5): an Activity with the definition last given to it in a statement. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/activities')
export class ActivitiesController {
  constructor(
    private readonly access: LrsAccess,
    private readonly projection: AttendanceProjection,
  ) {}

  @Get()
  @Public()
  async get(@Req() raw: RawRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = lrsRequest(raw);
    await this.access.check(request, reply);
    const { activityId, ...others } = request.query;
    if (Object.keys(others).length > 0) throw new BadRequestException(`${Object.keys(others)[0]}: is not a parameter of the activities resource`);
    if (!activityId) throw new BadRequestException('activityId: is required');
    await this.projection.waitForHead();
    const definition = this.projection.model.xapiStatements.activityDefinition(activityId);
    if (definition === undefined && !this.projection.model.xapiStatements.knowsActivity(activityId)) throw new NotFoundException(`activityId: ${activityId} is in no statement`);
    return answer(request, { objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) });
  }
}
