import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StrictObject, Text } from '@attendance/domain';
import { Static, Type } from '@sinclair/typebox';
import { Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import { WebhookDispatcher } from './webhook-dispatcher';

/** An institution's receiver of the notices: an https URL and the secret its deliveries are signed with. */
const OutboundWebhookBody = StrictObject({
  url: Text(2000, 1),
  secret: Text(200, 16),
  active: Type.Optional(Type.Boolean()),
});

@ApiTags('outbound webhooks')
@ApiBearerAuth()
@Controller('api/v1/outbound-webhooks')
export class OutboundController {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  @Put(':name')
  @Roles('admin')
  @ApiBodySchema(OutboundWebhookBody)
  async set(@Param('name') name: string, @Body(valid(OutboundWebhookBody)) body: Static<typeof OutboundWebhookBody>) {
    const problem = this.dispatcher.urlProblem(body.url);
    if (problem) throw new BadRequestException(`url ${problem}`);
    const position = await this.dispatcher.set({ name, url: body.url, secret: body.secret, active: body.active ?? true });
    return { name, url: body.url, active: body.active ?? true, position: String(position) };
  }

  @Get()
  @Roles('admin')
  list() {
    return { webhooks: this.dispatcher.statuses() };
  }
}
