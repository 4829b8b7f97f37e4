import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUrl, Length } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { WebhookDispatcher } from './webhook-dispatcher';

export class OutboundWebhookDto {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url: string;

  @IsString()
  @Length(16, 200)
  secret: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ApiTags('outbound webhooks')
@ApiBearerAuth()
@Controller('api/v1/outbound-webhooks')
export class OutboundController {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  @Put(':name')
  @Roles('admin')
  async set(@Param('name') name: string, @Body() body: OutboundWebhookDto) {
    const position = await this.dispatcher.set({ name, url: body.url, secret: body.secret, active: body.active ?? true });
    return { name, url: body.url, active: body.active ?? true, position: String(position) };
  }

  @Get()
  @Roles('admin')
  list() {
    return { webhooks: this.dispatcher.statuses() };
  }
}
