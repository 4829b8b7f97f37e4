import { applyDecorators, Controller, Delete, Get, Injectable, Post, Put, Req, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/roles.decorator';
import type { RawRequest } from '../../platforms/raw-request';
import { ACTIVITY_PROFILE, AGENT_PROFILE, DocumentResourceSpec, STATE } from './document-scope';
import { DocumentRequests } from './document-requests';

/** The query parameters of a document resource, for the API document. */
function DocumentQuery(spec: DocumentResourceSpec) {
  return applyDecorators(
    ...(spec.activityId ? [ApiQuery({ name: 'activityId', required: true, description: 'the Activity (an IRI)', schema: { type: 'string' } })] : []),
    ...(spec.agent ? [ApiQuery({ name: 'agent', required: true, description: 'the Agent, as JSON (one of mbox, mbox_sha1sum, openid, account)', schema: { type: 'string' } })] : []),
    ...(spec.registration ? [ApiQuery({ name: 'registration', required: false, description: 'the registration (a UUID)', schema: { type: 'string', format: 'uuid' } })] : []),
    ApiQuery({ name: spec.idParameter, required: false, description: 'the document; without it GET lists the ids' + (spec.deleteAll ? ' and DELETE deletes them all' : ''), schema: { type: 'string' } }),
    ApiQuery({ name: 'since', required: false, description: 'GET of the list: only the documents changed after this timestamp', schema: { type: 'string', format: 'date-time' } }),
  );
}

/**
 * The routes of one document resource. Every method goes to the same handler, which reads the
 * xAPI method from the request (a POST may carry another in the alternate syntax). GET answers
 * HEAD too. Basic auth with an integration token, checked by the handler (LrsAccess).
 */
function documentRoutes(spec: DocumentResourceSpec) {
  @Injectable()
  class DocumentRoutes {
    constructor(readonly requests: DocumentRequests) {}

    @Get()
    @Public()
    @DocumentQuery(spec)
    get(@Req() request: RawRequest, @Res() reply: FastifyReply) {
      return this.requests.handle(spec, request, reply);
    }

    @Put()
    @Public()
    @DocumentQuery(spec)
    put(@Req() request: RawRequest, @Res() reply: FastifyReply) {
      return this.requests.handle(spec, request, reply);
    }

    @Post()
    @Public()
    @DocumentQuery(spec)
    post(@Req() request: RawRequest, @Res() reply: FastifyReply) {
      return this.requests.handle(spec, request, reply);
    }

    @Delete()
    @Public()
    @DocumentQuery(spec)
    delete(@Req() request: RawRequest, @Res() reply: FastifyReply) {
      return this.requests.handle(spec, request, reply);
    }
  }
  return DocumentRoutes;
}

/** xAPI State resource (Communication §2.3): a learner's state in an activity, by stateId. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/activities/state')
export class XapiStateController extends documentRoutes(STATE) {}

/** xAPI Activity Profile resource (Communication §2.7): documents about an activity, by profileId. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/activities/profile')
export class XapiActivityProfileController extends documentRoutes(ACTIVITY_PROFILE) {}

/** xAPI Agent Profile resource (Communication §2.6): documents about an agent, by profileId. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/agents/profile')
export class XapiAgentProfileController extends documentRoutes(AGENT_PROFILE) {}
