import { Controller, HttpCode, Inject, Post, Req, UnprocessableEntityException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { translateCaliperEnvelope, UnsupportedCaliperVersionError, verifyCaliperBearer } from '@attendance/platforms/caliper';
import { translateCanvasLiveEvent, verifyCanvasSigned } from '@attendance/platforms/canvas';
import { translateMoodleEvent, verifyMoodleToken } from '@attendance/platforms/moodle';
import { Public } from '../auth/roles.decorator';
import { CLOCK } from '../config/tokens';
import { PlatformIngest } from './platform-ingest';
import { PlatformSecrets, requireSecret, verified } from './platform-secrets';
import { PLATFORM_SECRETS } from './platform-secrets.token';
import { headersOf, RawRequest, rawBodyOf } from './raw-request';

/** Moodle, Canvas Live Events and IMS Caliper: pushed by the LMS, each with its own credentials. */
@ApiTags('platforms')
@Controller('api/v1/webhooks')
export class LmsWebhooksController {
  constructor(
    private readonly ingest: PlatformIngest,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('moodle')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  moodle(@Req() request: RawRequest) {
    const token = requireSecret(this.secrets.moodle, 'moodle');
    const event = verified(this.ingest, 'moodle', () => verifyMoodleToken(rawBodyOf(request), token));
    return this.ingest.translateAndRecord('moodle', () => translateMoodleEvent(event));
  }

  @Post('canvas')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  canvas(@Req() request: RawRequest) {
    const jwks = requireSecret(this.secrets.canvasJwks, 'canvas');
    const event = verified(this.ingest, 'canvas', () => verifyCanvasSigned(rawBodyOf(request), jwks, this.clock().getTime()));
    return this.ingest.translateAndRecord('canvas', () => translateCanvasLiveEvent(event));
  }

  @Post('caliper')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async caliper(@Req() request: RawRequest) {
    const token = requireSecret(this.secrets.caliper, 'caliper');
    verified(this.ingest, 'caliper', () => verifyCaliperBearer(headersOf(request).authorization, token));
    try {
      return await this.ingest.translateAndRecord('caliper', () => translateCaliperEnvelope(request.body));
    } catch (error) {
      // The Caliper specification answers an unsupported dataVersion with 422.
      if ((error as { cause?: unknown }).cause instanceof UnsupportedCaliperVersionError) throw new UnprocessableEntityException((error as Error).message);
      throw error;
    }
  }
}
