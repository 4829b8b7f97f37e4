import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { Id, OneOf, ROLES, StrictObject } from '@attendance/domain';
import { Static } from '@sinclair/typebox';
import { ApiBodySchema, valid } from '../common/validation';
import { CLOCK } from '../config/tokens';
import type { Principal } from './principal';
import { CurrentPrincipal, Roles } from './roles.decorator';
import { TokenRegistry } from './token-registry';

const IssueTokenBody = StrictObject({ role: OneOf(ROLES), subject: Id() });

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/v1')
export class TokensController {
  constructor(
    private readonly tokens: TokenRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('tokens')
  @Roles('admin')
  @ApiBodySchema(IssueTokenBody)
  async issue(@Body(valid(IssueTokenBody)) body: Static<typeof IssueTokenBody>) {
    const { token, position } = await this.tokens.issue(body.role, body.subject, this.clock());
    return { token, role: body.role, subject: body.subject, position: String(position) };
  }

  /** Who a token is: its role and subject, so a dashboard shows the right views. */
  @Get('me')
  me(@CurrentPrincipal() by: Principal) {
    return { role: by.role, subject: by.subject };
  }
}
