import { BadRequestException, Controller, Get, Headers, Param, Query, Res, Sse, MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { concatMap, filter, map, merge, Observable, of } from 'rxjs';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { INSTANT_FORMAT, parseInstant } from '@attendance/domain';
import { AttendanceReader } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';
import { AuditTrail } from './audit-trail';
import { eligibilityCsv } from './eligibility-csv';
import { After, caughtUp } from './after';
import { assertSectionScope, assertStudentScope } from './scope';

@ApiTags('reads')
@ApiBearerAuth()
@Controller('api/v1')
export class ReadsController {
  constructor(
    private readonly reader: AttendanceReader,
    private readonly projection: AttendanceProjection,
    private readonly audit: AuditTrail,
  ) {}

  @Get('sections')
  @After()
  @Roles('admin', 'registrar', 'faculty')
  async sections(@Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    await caughtUp(this.projection, after);
    return this.reader.sectionList(by.role === 'faculty' ? by.subject : undefined);
  }

  @Get('sections/:sectionId/attendance')
  @After()
  @Roles('admin', 'registrar', 'faculty')
  async attendance(@Param('sectionId') sectionId: string, @Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    await caughtUp(this.projection, after);
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const attendance = await this.reader.sectionAttendance(sectionId);
    await this.audit.recordReads(by, attendance.students.map((s) => s.studentId), `GET /sections/${sectionId}/attendance`);
    return attendance;
  }

  @Get('sections/:sectionId/eligibility')
  @After()
  @ApiQuery({ name: 'asOf', required: false, description: 'eligibility as of this moment: what was recorded by then, with the clock at then', schema: { type: 'string', format: 'instant' } })
  @Roles('admin', 'registrar', 'faculty')
  async eligibility(
    @Param('sectionId') sectionId: string,
    @Query('asOf') asOf: string | undefined,
    @Query('after') after: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() by: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await caughtUp(this.projection, after);
    const moment = asOf === undefined ? undefined : parseInstant(asOf);
    if (asOf !== undefined && moment === undefined) throw new BadRequestException(`asOf must be ${INSTANT_FORMAT}`);
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const answer = await this.reader.eligibility(sectionId, moment);
    await this.audit.recordReads(by, answer.students.map((s) => s.studentId), `GET /sections/${sectionId}/eligibility${accept?.includes('text/csv') ? ' (CSV)' : ''}`);
    if (accept?.includes('text/csv')) {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return eligibilityCsv(answer);
    }
    return answer;
  }

  @Get('sections/:sectionId/students/:studentId')
  @After()
  @Roles('admin', 'registrar', 'faculty', 'student')
  async studentRecord(
    @Param('sectionId') sectionId: string,
    @Param('studentId') studentId: string,
    @Query('after') after: string | undefined,
    @CurrentPrincipal() by: Principal,
  ) {
    await caughtUp(this.projection, after);
    assertStudentScope(by, studentId);
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const record = await this.reader.studentRecord(sectionId, studentId);
    await this.audit.recordRead(by, studentId, `GET /sections/${sectionId}/students/${studentId}`);
    return record;
  }

  @Get('students/:studentId/attendance')
  @After()
  @Roles('admin', 'registrar', 'student')
  async studentSections(@Param('studentId') studentId: string, @Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    await caughtUp(this.projection, after);
    assertStudentScope(by, studentId);
    await this.audit.recordRead(by, studentId, `GET /students/${studentId}/attendance`);
    return this.reader.studentSections(studentId);
  }

  @Get('audit/students/:studentId')
  @Roles('admin')
  async auditOf(@Param('studentId') studentId: string) {
    return { studentId, reads: await this.audit.readsOf(studentId) };
  }

  @Get('students/:studentId/notifications')
  @After()
  @Roles('admin', 'student')
  async notifications(@Param('studentId') studentId: string, @Query('after') after: string | undefined, @CurrentPrincipal() by: Principal) {
    await caughtUp(this.projection, after);
    assertStudentScope(by, studentId);
    await this.audit.recordRead(by, studentId, `GET /students/${studentId}/notifications`);
    return { studentId, notifications: this.projection.model.notices.notificationsOf(studentId) };
  }

  @Sse('students/:studentId/notifications/stream')
  @Roles('admin', 'student')
  async notificationStream(@Param('studentId') studentId: string, @CurrentPrincipal() by: Principal): Promise<Observable<MessageEvent>> {
    assertStudentScope(by, studentId);
    await this.audit.recordRead(by, studentId, `GET /students/${studentId}/notifications/stream`);
    return this.projection.notifications.pipe(
      filter((n) => n.studentId === studentId),
      map((n): MessageEvent => ({ type: 'notice', id: n.position, data: n })),
    );
  }

  /** The student's own rows as they change, in every section: the status follows the facts at once, before any notice. */
  @Sse('students/:studentId/attendance/stream')
  @Roles('admin', 'registrar', 'student')
  async studentStream(@Param('studentId') studentId: string, @CurrentPrincipal() by: Principal): Promise<Observable<MessageEvent>> {
    assertStudentScope(by, studentId);
    await this.audit.recordRead(by, studentId, `GET /students/${studentId}/attendance/stream`);
    return this.projection.changes.pipe(
      filter((c) => (c.studentId === undefined || c.studentId === studentId) && this.projection.model.sectionIdsOf(studentId).includes(c.sectionId)),
      concatMap(async (c): Promise<MessageEvent> => {
        const student = (await this.reader.studentRow(c.sectionId, studentId)) ?? null;
        return { type: 'change', id: c.position, data: { sectionId: c.sectionId, position: c.position, type: c.type, student } };
      }),
    );
  }

  @Sse('sections/:sectionId/live')
  @Roles('admin', 'registrar', 'faculty')
  async live(@Param('sectionId') sectionId: string, @CurrentPrincipal() by: Principal): Promise<Observable<MessageEvent>> {
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const attendance = await this.reader.sectionAttendance(sectionId);
    await this.audit.recordReads(by, attendance.students.map((row) => row.studentId), `GET /sections/${sectionId}/live`);
    const snapshot = of({ type: 'snapshot', data: attendance } as MessageEvent);
    const changes = this.projection.changes.pipe(
      filter((c) => c.sectionId === sectionId),
      concatMap(async ({ sectionWide: _, ...c }): Promise<MessageEvent> => ({
        type: 'change',
        id: c.position,
        data: { ...c, student: c.studentId ? ((await this.reader.studentRow(sectionId, c.studentId)) ?? null) : null },
      })),
    );
    return merge(snapshot, changes);
  }
}
