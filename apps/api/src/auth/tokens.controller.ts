import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { IsIn, IsString, Length } from 'class-validator';
import { CLOCK } from '../config/tokens';
import { Principal, ROLES, Role } from './principal';
import { CurrentPrincipal, Roles } from './roles.decorator';
import { TokenRegistry } from './token-registry';

export class IssueTokenDto {
  @IsIn(ROLES)
  role: Role;

  @IsString()
  @Length(1, 200)
  subject: string;
}

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
  async issue(@Body() body: IssueTokenDto) {
    const { token, position } = await this.tokens.issue(body.role, body.subject, this.clock());
    return { token, role: body.role, subject: body.subject, position: String(position) };
  }

  /** Who a token is: its role and subject, so a dashboard shows the right views. */
  @Get('me')
  me(@CurrentPrincipal() by: Principal) {
    return { role: by.role, subject: by.subject };
  }
}
