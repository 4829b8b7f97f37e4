import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { ServiceMetrics } from './metrics';

/**
 * GET /metrics, Prometheus's text format. Public like /health: a scraper carries no token, and
 * nothing here is personal (route patterns, counts, consumer and webhook names). Not in the
 * OpenAPI document, which describes the JSON API.
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, text } = await this.metrics.scrape();
    void reply.header('content-type', contentType);
    return text;
  }
}
