import { BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Post, Put, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { translateMoodleXapiBatch } from '@attendance/platforms/moodle';
import { basicAuthPassword, translateStatements, validateStatement } from '@attendance/platforms/xapi';
import { SignatureError } from '@attendance/platforms/shared/signatures';
import type { Translation } from '@attendance/platforms/platform-fact';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { TokenRegistry } from '../auth/token-registry';
import { CLOCK } from '../config/tokens';
import { PlatformIngest } from './platform-ingest';
import { headersOf, RawRequest } from './raw-request';
import { XapiStatements } from './xapi-statements';

const VERSION = '1.0.3';

const isMoodle = (s: Record<string, unknown>) => String((s.context as { platform?: unknown } | undefined)?.platform ?? '').toLowerCase() === 'moodle';

/** An xAPI 1.0.3 statement resource (an LRS endpoint): Basic auth with an integration token as the password. */
@ApiTags('platforms')
@Controller('api/v1/xapi/statements')
export class XapiController {
  constructor(
    private readonly statements: XapiStatements,
    private readonly tokens: TokenRegistry,
    private readonly ingest: PlatformIngest,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  async post(@Req() request: RawRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const authority = await this.authenticate(request, reply);
    const batch = Array.isArray(request.body) ? request.body : [request.body];
    const stored = await this.store(batch, authority, headersOf(request)['x-experience-api-version']);
    return stored.map((s) => s.statement.id);
  }

  @Put()
  @Public()
  @HttpCode(204)
  async put(@Req() request: RawRequest, @Query('statementId') statementId: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const authority = await this.authenticate(request, reply);
    if (!statementId) throw new BadRequestException('statementId is required in the query of a PUT');
    const statement = request.body as Record<string, unknown>;
    if (statement && typeof statement === 'object' && statement.id !== undefined && String(statement.id).toLowerCase() !== statementId.toLowerCase()) {
      throw new BadRequestException('id in the statement differs from statementId');
    }
    await this.store([{ ...statement, id: statementId }], authority, headersOf(request)['x-experience-api-version']);
  }

  @Get()
  @Public()
  async get(@Req() request: RawRequest, @Query('statementId') statementId: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.authenticate(request, reply);
    void reply.header('X-Experience-API-Consistent-Through', this.clock().toISOString());
    if (!statementId) throw new BadRequestException('statementId is required: this LRS answers single statements');
    const found = await this.statements.get(statementId);
    if (!found) throw new NotFoundException(`statement ${statementId} is not stored`);
    return { ...found.statement, stored: found.stored, authority: found.authority, version: VERSION };
  }

  private async authenticate(request: RawRequest, reply: FastifyReply): Promise<string> {
    void reply.header('X-Experience-API-Version', VERSION);
    let password: string;
    try {
      password = basicAuthPassword(headersOf(request).authorization);
    } catch (error) {
      if (error instanceof SignatureError) this.ingest.count('xapi', 'unauthorized');
      throw new UnauthorizedException(`xAPI: ${(error as Error).message}`);
    }
    const principal = await this.tokens.authenticate(password);
    if (!principal || (principal.role !== 'integration' && principal.role !== 'admin')) {
      this.ingest.count('xapi', 'unauthorized');
      throw new UnauthorizedException('xAPI: the password must be an integration token');
    }
    return `${principal.role}:${principal.subject}`;
  }

  private async store(batch: unknown[], authority: string, versionHeader: string | undefined) {
    const problems = batch.flatMap((statement, i) => validateStatement(statement, versionHeader).map((p) => `statements[${i}].${p.path}: ${p.message}`));
    if (problems.length > 0) {
      this.ingest.count('xapi', 'invalid');
      throw new BadRequestException(problems.join('; '));
    }
    const stored = await this.statements.storeAll(batch as Array<Record<string, unknown>>, authority, this.clock().toISOString());
    const fresh = stored.filter((s) => s.isNew).map((s) => s.statement);
    const receivedAtMs = this.clock().getTime();
    await this.ingest.translateAndRecord('xapi', (): Translation => {
      const moodle = translateMoodleXapiBatch(fresh.filter(isMoodle), receivedAtMs);
      const others = translateStatements(fresh.filter((s) => !isMoodle(s)), { receivedAtMs });
      return { facts: [...moodle.facts, ...others.facts], ignored: [...moodle.ignored, ...others.ignored] };
    });
    return stored;
  }
}
