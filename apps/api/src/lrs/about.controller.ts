import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { XAPI_VERSION } from './lrs-access';

/** The xAPI versions this LRS speaks: every request's X-Experience-API-Version may name one. */
export const ABOUT = { version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} } as const;

/**
 * The About resource (xAPI 1.0.3 Communication §2.8): which versions the LRS speaks. It is the one
 * resource a client reads before it knows a version, so it needs neither the version header nor
 * credentials, and it tells nothing about anyone. GET answers HEAD too.
 */
@ApiTags('xAPI')
@Controller('api/v1/xapi/about')
export class XapiAboutController {
  @Get()
  @Public()
  get(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('X-Experience-API-Version', XAPI_VERSION);
    return ABOUT;
  }
}
