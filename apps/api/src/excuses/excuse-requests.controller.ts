import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { decide, SectionRuleViolation } from '@attendance/domain';
import type { Clock } from '@attendance/event-store';
import type { Static } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { VIOLATION_STATUS } from '../common/http-exception.filter';
import { ApiBodySchema, valid } from '../common/validation';
import { CLOCK } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { After, caughtUp } from '../reads/after';
import { AuditTrail } from '../reads/audit-trail';
import { assertStudentScope } from '../reads/scope';
import { ChangeSection } from '../sections/change-section.command';
import { actor } from '../sections/section-scope';
import { DocumentVault } from './document-vault';
import { DecisionBody, DecisionsBody, ExcuseRequestBody, ReasonBody, REQUEST_STATES } from './excuse-request.bodies';
import { ExcuseRequestViews, RequestFilter } from './excuse-request-views';

const STATE_AFTER: Record<decide.ExcuseDecision['decision'], string> = { accept: 'accepted', reject: 'rejected', forward: 'forwarded' };

/**
 * Excuse requests (rules R7): a student, or staff for them, asks; the department council
 * decides, and the college council after it when the policy asks for both; an accepted excuse
 * may be revoked. Every step is an event on the section; the outcomes follow from them (I5).
 */
@ApiTags('excuses')
@ApiBearerAuth()
@Controller('api/v1')
export class ExcuseRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projection: AttendanceProjection,
    private readonly views: ExcuseRequestViews,
    private readonly vault: DocumentVault,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('sections/:sectionId/excuse-requests')
  @Roles('student', 'faculty', 'registrar', 'department', 'admin')
  @ApiBodySchema(ExcuseRequestBody)
  async submit(@Param('sectionId') sectionId: string, @Body(valid(ExcuseRequestBody)) body: Static<typeof ExcuseRequestBody>, @CurrentPrincipal() by: Principal) {
    if (by.role === 'student' && body.studentId !== by.subject) throw new ForbiddenException('studentId: a student may ask for an excuse only for themself');
    const documents = (body.documentIds ?? []).map((documentId) => {
      const doc = this.vault.describe(body.studentId, documentId);
      if (!doc) throw new BadRequestException(`documentIds: document ${documentId} is not one of student ${body.studentId}'s`);
      return { documentId, name: doc.name, contentType: doc.contentType, bytes: doc.bytes, sha256: doc.sha256 };
    });
    const requestId = randomUUID();
    const data = { sectionId, requestId, studentId: body.studentId, itemIds: body.itemIds, reason: body.reason, documents, requestedBy: actor(by), requestedAt: this.clock().toISOString() };
    const { position } = await this.commands.execute(new ChangeSection(sectionId, { kind: 'request-excuse', data }, by));
    return { requestId, sectionId, state: 'submitted', position: String(position) };
  }

  @Get('excuse-requests')
  @After()
  @Roles('department', 'college', 'registrar', 'admin')
  async queue(@Query() query: Record<string, string | undefined>, @CurrentPrincipal() by: Principal) {
    const filter = this.filterOf(query, by);
    await caughtUp(this.projection, query.after);
    const requests = await Promise.all(this.views.where(filter).map((r) => this.views.view(r)));
    await this.audit.recordReads(by, [...new Set(requests.map((r) => r.studentId))], 'GET /excuse-requests');
    return { requests };
  }

  @Get('students/:studentId/excuse-requests')
  @After()
  @Roles('student', 'registrar', 'admin')
  async ofStudent(@Param('studentId') studentId: string, @Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    assertStudentScope(by, studentId);
    await caughtUp(this.projection, after);
    const requests = await Promise.all(this.projection.model.excuseRequests.ofStudent(studentId).map((r) => this.views.view(r)));
    await this.audit.recordRead(by, studentId, `GET /students/${studentId}/excuse-requests`);
    return { studentId, requests };
  }

  @Get('excuse-requests/:requestId')
  @After()
  @Roles('student', 'department', 'college', 'registrar', 'admin')
  async one(@Param('requestId') requestId: string, @Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    await caughtUp(this.projection, after);
    const request = this.views.find(by, requestId);
    await this.audit.recordRead(by, request.studentId, `GET /excuse-requests/${requestId}`);
    return this.views.view(request);
  }

  @Post('excuse-requests/:requestId/decision')
  @HttpCode(200)
  @Roles('department', 'college', 'admin')
  @ApiBodySchema(DecisionBody)
  async decision(@Param('requestId') requestId: string, @Body(valid(DecisionBody)) body: Static<typeof DecisionBody>, @CurrentPrincipal() by: Principal) {
    await this.projection.waitForHead();
    return this.decide(requestId, body, by);
  }

  /** Many decisions in one request (a council's sitting): each is taken or refused on its own, in order. */
  @Post('excuse-requests/decisions')
  @HttpCode(200)
  @Roles('department', 'college', 'admin')
  @ApiBodySchema(DecisionsBody)
  async decisions(@Body(valid(DecisionsBody)) body: Static<typeof DecisionsBody>, @CurrentPrincipal() by: Principal) {
    await this.projection.waitForHead();
    const results = [];
    let position = '0';
    for (const { requestId, ...decision } of body.decisions) {
      try {
        const done = await this.decide(requestId, decision, by);
        position = done.position;
        results.push({ requestId, status: 'decided', state: done.state });
      } catch (error) {
        // A refusal is this request's answer, not the sitting's: the rest go on.
        const status = error instanceof SectionRuleViolation ? VIOLATION_STATUS[error.kind] : (error as { status?: number }).status;
        if (status === undefined || status >= 500) throw error;
        results.push({ requestId, status: 'refused', statusCode: status, error: (error as Error).message });
      }
    }
    return { position, results };
  }

  @Post('sections/:sectionId/excuses/:excuseId/revocation')
  @HttpCode(200)
  @Roles('department', 'college', 'admin')
  @ApiBodySchema(ReasonBody)
  async revoke(@Param('sectionId') sectionId: string, @Param('excuseId') excuseId: string, @Body(valid(ReasonBody)) body: Static<typeof ReasonBody>, @CurrentPrincipal() by: Principal) {
    const { position } = await this.commands.execute(new ChangeSection(sectionId, { kind: 'revoke-excuse', excuseId, reason: body.reason }, by));
    return { sectionId, excuseId, state: 'revoked', position: String(position) };
  }

  private async decide(requestId: string, body: Static<typeof DecisionBody>, by: Principal) {
    if (body.decision === 'reject' && !body.reason) throw new BadRequestException('reason: a rejection must say why');
    const request = this.views.find(by, requestId);
    const decision = { ...body } as decide.ExcuseDecision;
    const { position } = await this.commands.execute(new ChangeSection(request.sectionId, { kind: 'decide-excuse', requestId, decision }, by));
    return { requestId, state: STATE_AFTER[body.decision], position: String(position) };
  }

  /** The queue's filters; a council sees only its own department's or college's requests. */
  private filterOf(query: Record<string, string | undefined>, by: Principal): RequestFilter {
    const known = ['termId', 'sectionId', 'college', 'department', 'studentId', 'state', 'after'];
    const unknown = Object.keys(query).find((key) => !known.includes(key));
    if (unknown) throw new BadRequestException(`${unknown} is not a filter of the queue (${known.join(', ')})`);
    const filter: RequestFilter = { ...query };
    if (filter.state !== undefined && !(REQUEST_STATES as readonly string[]).includes(filter.state)) throw new BadRequestException(`state must be one of ${REQUEST_STATES.join(', ')}`);
    for (const council of ['department', 'college'] as const) {
      if (by.role !== council) continue;
      if (filter[council] !== undefined && filter[council] !== by.subject) throw new ForbiddenException(`${council}: a ${council} council sees only its own requests`);
      filter[council] = by.subject;
    }
    return filter;
  }
}
