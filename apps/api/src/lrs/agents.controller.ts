import { BadRequestException, Controller, Get, Req, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseAgentParameter } from '@attendance/platforms/xapi';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import type { RawRequest } from '../platforms/raw-request';
import { LrsAccess } from './lrs-access';
import { lrsRequest } from './lrs-request';
import { personOf } from './person';

/** The Agents resource (xAPI 1.0.3 Communication §2.4): the Person behind an Agent. GET answers HEAD too. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/agents')
export class XapiAgentsController {
  constructor(private readonly access: LrsAccess) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'agent', required: true, description: 'the Agent, as JSON (one of mbox, mbox_sha1sum, openid, account)', schema: { type: 'string' } })
  async get(@Req() raw: RawRequest, @Res() reply: FastifyReply) {
    const request = lrsRequest(raw);
    await this.access.check(request, reply);
    const { agent, ...others } = request.query;
    const unknown = Object.keys(others)[0];
    if (unknown !== undefined) throw new BadRequestException(`${unknown}: is not a parameter of the agents resource (it takes agent)`);
    const parsed = parseAgentParameter(agent, 'agent');
    if ('problem' in parsed) throw new BadRequestException(parsed.problem);
    if (parsed.agent.objectType === 'Group') throw new BadRequestException('agent: must be an Agent, not a Group');
    return reply.status(200).send(personOf(parsed.agent));
  }
}
