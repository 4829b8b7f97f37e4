import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { closeOpenIntervals } from '@attendance/platforms/shared/close-open-intervals';
import {
  bbbDeliveryKind,
  translateBbbAnalytics,
  translateBbbWebhook,
  verifyBbbAnalyticsCallback,
  verifyBbbRecordingReadyCallback,
  verifyBbbWebhook,
} from '@attendance/platforms/bigbluebutton';
import { answerUrlValidation, isUrlValidation, translateZoom, verifyZoom, zoomMeetingEnd } from '@attendance/platforms/zoom';
import { Public } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { PlatformIngest } from './platform-ingest';
import { PLATFORM_SECRETS } from './platform-secrets.token';
import { PlatformSecrets, requireSecret, verified } from './platform-secrets';
import { headersOf, RawRequest, rawBodyOf } from './raw-request';

const BBB_ROUTE = '/api/v1/webhooks/bigbluebutton';

/** The URL BigBlueButton signed: the registered callback URL, with any query of its own but without `checksum`. */
function bbbCallbackUrl(publicBaseUrl: string, requestUrl: string): { url: string; checksum?: string } {
  const query = requestUrl.includes('?') ? requestUrl.slice(requestUrl.indexOf('?') + 1) : '';
  const kept = query.split('&').filter((p) => p !== '' && !p.startsWith('checksum='));
  const checksum = query.split('&').find((p) => p.startsWith('checksum='))?.slice('checksum='.length);
  return { url: publicBaseUrl + BBB_ROUTE + (kept.length ? `?${kept.join('&')}` : ''), checksum };
}

/** BigBlueButton and Zoom: pushed, signed, answered fast. */
@ApiTags('platforms')
@Controller('api/v1/webhooks')
export class MeetingWebhooksController {
  constructor(
    private readonly ingest: PlatformIngest,
    private readonly projection: AttendanceProjection,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('bigbluebutton')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async bigbluebutton(@Req() request: RawRequest) {
    const secret = requireSecret(this.secrets.bigbluebutton, 'bigbluebutton');
    const rawBody = rawBodyOf(request);
    const headers = headersOf(request);
    const now = this.clock().getTime();
    switch (bbbDeliveryKind(headers, rawBody)) {
      case 'analytics-callback':
        verified(this.ingest, 'bigbluebutton', () => verifyBbbAnalyticsCallback(headers.authorization, secret, now));
        return this.ingest.translateAndRecord('bigbluebutton', () => translateBbbAnalytics(JSON.parse(rawBody)));
      case 'recording-ready':
        verified(this.ingest, 'bigbluebutton', () => verifyBbbRecordingReadyCallback(rawBody, secret, now));
        return this.ingest.translateAndRecord('bigbluebutton', () => ({ facts: [], ignored: [{ event: 'recording-ready', reason: 'a recording carries no attendance' }] }));
      case 'webhook': {
        const { url: ownUrl, checksum } = bbbCallbackUrl(this.config.publicBaseUrl, request.url);
        // Behind a proxy the hook may be registered under another address: BBB_CALLBACK_URL names it exactly.
        const url = this.config.env.BBB_CALLBACK_URL || ownUrl;
        verified(this.ingest, 'bigbluebutton', () => verifyBbbWebhook({ rawBody, callbackUrl: url, checksum, authorization: headers.authorization, sharedSecret: secret }));
        return this.ingest.translateAndRecord('bigbluebutton', () => {
          const translation = translateBbbWebhook(rawBody, { knownExternalMeetingIds: this.projection.model.platforms.linkedRefs('bigbluebutton') });
          // A meeting that ends closes the intervals of everyone still in it.
          const closing = translation.meetingsEnded.flatMap((end) => closeOpenIntervals('bigbluebutton', end.activity, end.endedAt, this.projection.model.platforms.openUsers('bigbluebutton', end.activity)));
          return { facts: [...translation.facts, ...closing], ignored: translation.ignored };
        });
      }
    }
  }

  @Post('zoom')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async zoom(@Req() request: RawRequest) {
    const secret = requireSecret(this.secrets.zoom, 'zoom');
    const rawBody = rawBodyOf(request);
    const headers = headersOf(request);
    verified(this.ingest, 'zoom', () =>
      verifyZoom({
        rawBody,
        signature: headers['x-zm-signature'] ?? '',
        timestamp: headers['x-zm-request-timestamp'] ?? '',
        secretToken: secret,
        nowMs: this.clock().getTime(),
        // Zoom's docs do not say whether retries (after 5, 20 and 60 min) are signed anew; a wider window is safe, as facts dedupe.
        replayWindowSeconds: Number(this.config.env.ZOOM_REPLAY_WINDOW_SECONDS) || 300,
      }),
    );
    const body = request.body;
    if (isUrlValidation(body)) return answerUrlValidation(body, secret);
    return this.ingest.translateAndRecord('zoom', () => {
      const translation = translateZoom(body);
      const end = zoomMeetingEnd(body);
      const closing = end ? closeOpenIntervals('zoom', end.activity, end.endedAt, this.projection.model.platforms.openUsers('zoom', end.activity)) : [];
      return { facts: [...translation.facts, ...closing], ignored: translation.ignored };
    });
  }
}
