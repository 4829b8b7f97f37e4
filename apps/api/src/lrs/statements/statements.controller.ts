import { All, BadRequestException, Controller, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import { translateMoodleXapiBatch } from '@attendance/platforms/moodle';
import { acceptedLanguages, formatStatement, translateStatements, validateStatement } from '@attendance/platforms/xapi';
import type { Translation } from '@attendance/platforms/platform-fact';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/roles.decorator';
import { CLOCK } from '../../config/tokens';
import { PlatformIngest } from '../../platforms/platform-ingest';
import type { RawRequest } from '../../platforms/raw-request';
import { AttendanceProjection } from '../../projection/attendance.projection';
import { LrsAccess, LrsAuthority } from '../lrs-access';
import { answer, LrsRequest, lrsRequest } from '../lrs-request';
import { AttachmentReader } from './attachment-reader';
import { Attachment, checkAttachments, readStatementRequest } from './attachments';
import { parseStatementQuery } from './statement-query';
import { StatementWriter } from './statement-writer';

const isMoodle = (s: Record<string, unknown>) => String((s.context as { platform?: unknown } | undefined)?.platform ?? '').toLowerCase() === 'moodle';
const PATH = '/api/v1/xapi/statements';

/** The LRS's Statement resource (xAPI 1.0.3 Communication §2.1): Basic auth with an integration token as the password. */
@ApiTags('xAPI')
@Controller('api/v1/xapi/statements')
export class StatementsController {
  constructor(
    private readonly access: LrsAccess,
    private readonly writer: StatementWriter,
    private readonly projection: AttendanceProjection,
    private readonly attachments: AttachmentReader,
    private readonly ingest: PlatformIngest,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @All()
  @Public()
  async handle(@Req() raw: RawRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = lrsRequest(raw);
    const authority = await this.access.check(request, reply);
    switch (request.method) {
      case 'POST':
        return this.post(request, authority);
      case 'PUT':
        await this.put(request, authority);
        void reply.status(204);
        return '';
      case 'GET':
      case 'HEAD':
        return this.get(request, reply);
      default:
        throw new BadRequestException(`method: ${request.method} is not a method of the statement resource`);
    }
  }

  private async post(request: LrsRequest, authority: LrsAuthority): Promise<string[]> {
    if (Object.keys(request.query).length > 0) throw new BadRequestException(`${Object.keys(request.query)[0]}: a POST of statements takes no parameters`);
    const { body, attachments } = readStatementRequest(request);
    const batch = Array.isArray(body) ? body : [body];
    const stored = await this.store(batch, request, authority, attachments);
    return stored.map((s) => s.statement.id as string);
  }

  private async put(request: LrsRequest, authority: LrsAuthority): Promise<void> {
    const { statementId, ...others } = request.query;
    if (Object.keys(others).length > 0) throw new BadRequestException(`${Object.keys(others)[0]}: a PUT of a statement takes only statementId`);
    if (!statementId) throw new BadRequestException('statementId: is required in the query of a PUT');
    const { body, attachments } = readStatementRequest(request);
    if (Array.isArray(body)) throw new BadRequestException('body: a PUT carries one statement, not a list');
    const statement = body as Record<string, unknown>;
    if (statement && typeof statement === 'object' && statement.id !== undefined && String(statement.id).toLowerCase() !== statementId.toLowerCase()) {
      throw new BadRequestException('id: differs from statementId');
    }
    await this.store([{ ...statement, id: statementId }], request, authority, attachments);
  }

  private async store(batch: unknown[], request: LrsRequest, authority: LrsAuthority, attachments: Attachment[]) {
    if (batch.length === 0) throw new BadRequestException('body: no statement was sent');
    const problems = batch.flatMap((statement, i) => validateStatement(statement, request.headers['x-experience-api-version']).map((p) => `statements[${i}].${p.path}: ${p.message}`));
    if (problems.length > 0) {
      this.ingest.count('xapi', 'invalid');
      throw new BadRequestException(problems.join('; '));
    }
    const statements = batch as Array<Record<string, unknown>>;
    checkAttachments(statements, attachments);
    const stored = await this.writer.storeAll(statements, authority, attachments);
    const fresh = stored.filter((s) => s.isNew).map((s) => s.statement);
    const receivedAtMs = this.clock().getTime();
    await this.ingest.translateAndRecord('xapi', (): Translation => {
      const moodle = translateMoodleXapiBatch(fresh.filter(isMoodle), receivedAtMs);
      const others = translateStatements(fresh.filter((s) => !isMoodle(s)), { receivedAtMs });
      return { facts: [...moodle.facts, ...others.facts], ignored: [...moodle.ignored, ...others.ignored] };
    });
    return stored;
  }

  private async get(request: LrsRequest, reply: FastifyReply) {
    // Everything stored before this request is in the answer, whichever instance stored it; the header is sent with errors too.
    await this.projection.waitForHead();
    void reply.header('X-Experience-API-Consistent-Through', this.clock().toISOString());
    const query = parseStatementQuery(request.query);
    const languages = acceptedLanguages(request.headers['accept-language']);
    const index = this.projection.model.xapiStatements;
    let result: unknown;
    let statements: Array<Record<string, unknown>>;
    const single = query.statementId ?? query.voidedStatementId;
    if (single !== undefined) {
      const found = index.byId(single);
      if (!found || found.voided !== (query.voidedStatementId !== undefined)) throw new NotFoundException(`${query.statementId ? 'statementId' : 'voidedStatementId'}: no such ${query.voidedStatementId ? 'voided ' : ''}statement is stored`);
      statements = [formatStatement(found.statement, query.format, languages)];
      result = statements[0];
      void reply.header('Last-Modified', new Date(String(found.statement.stored)).toUTCString());
    } else {
      const page = index.query(query);
      statements = page.statements.map((s) => formatStatement(s, query.format, languages));
      const more = page.next === undefined ? '' : `${PATH}?${new URLSearchParams({ ...request.query, cursor: String(page.next) }).toString()}`;
      result = { statements, more };
      if (statements[0]) void reply.header('Last-Modified', new Date(String(statements[0].stored)).toUTCString());
    }
    if (!query.attachments) {
      void reply.header('content-type', 'application/json; charset=utf-8');
      return answer(request, JSON.stringify(result));
    }
    const { boundary, body } = await this.attachments.multipart(result, statements);
    void reply.header('content-type', `multipart/mixed; boundary=${boundary}`);
    return answer(request, body);
  }
}
