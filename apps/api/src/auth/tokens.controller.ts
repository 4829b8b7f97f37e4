import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { IsIn, IsString, Length } from 'class-validator';
import { CLOCK } from '../config/tokens';
import { ROLES, Role } from './principal';
import { Roles } from './roles.decorator';
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
@Controller('api/v1/tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokenRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('admin')
  async issue(@Body() body: IssueTokenDto) {
    const { token, position } = await this.tokens.issue(body.role, body.subject, this.clock());
    return { token, role: body.role, subject: body.subject, position: String(position) };
  }
}
