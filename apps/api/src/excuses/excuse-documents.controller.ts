import { BadRequestException, Body, Controller, Get, GoneException, HttpCode, Inject, NotFoundException, Param, PayloadTooLargeException, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { documentErasuresStream, STUDENT_DOCUMENTS_ERASED, type DomainEvent } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import type { Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import { AuditTrail } from '../reads/audit-trail';
import { assertStudentScope } from '../reads/scope';
import { DOCUMENT_TYPES, documentName, sniffDocumentType } from './document-content';
import { DocumentVault } from './document-vault';
import { ReasonBody } from './excuse-request.bodies';
import { ExcuseRequestViews } from './excuse-request-views';

/** The one route whose body is a document's bytes, whatever type it claims (bootstrap lets it in). */
export const DOCUMENT_UPLOAD_PATH = /^\/api\/v1\/students\/[^/?]+\/documents(\?|$)/;

/**
 * Excuse documents: uploaded as bytes, typed by their content, sealed in the vault; read only by
 * the student, the council that decides their request and admins, every read audited; erased by
 * destroying the student's key.
 */
@ApiTags('excuses')
@ApiBearerAuth()
@Controller('api/v1')
export class ExcuseDocumentsController {
  constructor(
    private readonly vault: DocumentVault,
    private readonly views: ExcuseRequestViews,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The body is the file itself (`Content-Type: application/pdf`, `image/png`, `image/jpeg`); `?name=` its file name. */
  @Post('students/:studentId/documents')
  @Roles('student', 'faculty', 'registrar', 'department', 'admin')
  upload(@Param('studentId') studentId: string, @Query('name') name: string | undefined, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    assertStudentScope(by, studentId);
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestException(`body: send the document's bytes (${DOCUMENT_TYPES.join(', ')}), not a form or JSON`);
    if (body.length > this.config.documentMaxBytes) throw new PayloadTooLargeException(`body: a document is at most ${this.config.documentMaxBytes} bytes; this one is ${body.length}`);
    const contentType = sniffDocumentType(body);
    if (!contentType) throw new BadRequestException(`body: the document must be a PDF, PNG or JPEG by its content (its name and Content-Type are not trusted)`);
    const { erased: _, ...doc } = this.vault.put(studentId, body, documentName(name, contentType), contentType, this.clock());
    return doc;
  }

  @Get('excuse-requests/:requestId/documents/:documentId')
  @Roles('student', 'department', 'college', 'admin')
  async read(@Param('requestId') requestId: string, @Param('documentId') documentId: string, @CurrentPrincipal() by: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = this.views.find(by, requestId);
    if (!request.documents.some((d) => d.documentId === documentId)) throw new NotFoundException(`document ${documentId} is not part of excuse request ${requestId}`);
    await this.audit.recordRead(by, request.studentId, `GET excuse document ${documentId} of request ${requestId}`);
    const opened = this.vault.read(request.studentId, documentId);
    if (opened === undefined) throw new NotFoundException(`document ${documentId} does not exist`);
    if (opened === 'erased') throw new GoneException(`document ${documentId} was erased; the decisions on request ${requestId} stay`);
    void reply
      .header('content-type', opened.doc.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(opened.doc.name)}`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return opened.content;
  }

  /** PDPL erasure: the student's documents key is destroyed; the events that name the documents and the decisions stay. */
  @Post('students/:studentId/documents/erasure')
  @HttpCode(200)
  @Roles('admin')
  @ApiBodySchema(ReasonBody)
  async erase(@Param('studentId') studentId: string, @Body(valid(ReasonBody)) body: Static<typeof ReasonBody>, @CurrentPrincipal() by: Principal) {
    const documents = this.vault.erase(studentId);
    const at = this.clock().toISOString();
    const data = { studentId, documents, by: { role: by.role, subject: by.subject }, reason: body.reason, at };
    const { position } = await this.store.appendToStream(documentErasuresStream(studentId), [{ id: randomUUID(), type: STUDENT_DOCUMENTS_ERASED, data }]);
    return { studentId, documents, position: String(position) };
  }
}
