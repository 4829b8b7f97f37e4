import { BadRequestException, Controller, ForbiddenException, Get, Headers, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { CLOCK } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { AttendanceReader } from '../projection/attendance-reader';
import { AuditTrail } from './audit-trail';
import { addSums, sectionContactHours, SectionContactHours, shownSums, tally } from './contact-hours-report';
import { FIGURE_COLUMNS, figureCells, formatOf, SECTION_COLUMNS, sectionCells, sendTable, STUDENT_COLUMNS } from './contact-hours-table';
import { assertSectionScope } from './scope';

/** A query value given at most once; an empty one is as if not given. */
function single(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name}: give it once, as text`);
  return value;
}

/** A text query parameter in the OpenAPI document. */
const TextQuery = (name: string, description: string, required = false) => ApiQuery({ name, required, description, schema: { type: 'string' } });

/**
 * Electronic contact hours (NR Art. 8.4; R8, R13) for the registrar and the quality office: per
 * section (with each student's contact time, an audited read), per term (a row a section and the
 * totals) and per instructor. JSON, or the same rows as CSV or XLSX by Accept. See README,
 * "Contact hours", for how each figure is defined.
 */
@ApiTags('reads')
@ApiBearerAuth()
@Controller('api/v1')
export class ContactHoursController {
  constructor(
    private readonly reader: AttendanceReader,
    private readonly projection: AttendanceProjection,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('sections/:sectionId/contact-hours')
  @Roles('admin', 'registrar', 'faculty')
  async section(@Param('sectionId') sectionId: string, @Headers('accept') accept: string | undefined, @CurrentPrincipal() by: Principal, @Res() reply: FastifyReply) {
    await this.projection.waitForHead();
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const now = this.clock().getTime();
    const { full } = await sectionContactHours(this.reader, sectionId, now);
    const format = formatOf(accept);
    await this.audit.recordReads(by, full.students.map((s) => s.studentId), `GET /sections/${sectionId}/contact-hours${format === 'json' ? '' : ` (${format.toUpperCase()})`}`);
    const held = full.virtualClasses.held;
    const rows = full.students.map((s) => [full.termId, sectionId, full.courseCode, s.studentId, held.count, held.hours, s.virtualClass.classesJoined, s.virtualClass.minutes, s.virtualClass.hours, s.inPerson.sessions, s.inPerson.minutes, s.inPerson.hours]);
    return sendTable(reply, format, { json: full, columns: STUDENT_COLUMNS, rows, sheet: `Contact hours ${sectionId}`, file: `contact-hours-${sectionId}`, at: now });
  }

  @Get('terms/:termId/contact-hours')
  @TextQuery('college', 'only the sections of this college')
  @TextQuery('department', 'only the sections of this department')
  @Roles('admin', 'registrar')
  async term(
    @Param('termId') termId: string,
    @Query('college') collegeQuery: unknown,
    @Query('department') departmentQuery: unknown,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const college = single('college', collegeQuery);
    const department = single('department', departmentQuery);
    await this.projection.waitForHead();
    this.knownTerm(termId);
    const now = this.clock().getTime();
    const sections = await this.rows(this.projection.model.sectionIdsWhere({ termId, college, department }), now);
    const totals = addSums(sections.map((s) => s.sums));
    const json = { termId, college: college ?? null, department: department ?? null, asOf: new Date(now).toISOString(), sections: sections.map((s) => s.row), totals: { sections: sections.length, ...shownSums(totals) } };
    const rows = [...sections.map((s) => [...sectionCells(s.row), ...figureCells(s.row)]), ['total', termId, null, null, college ?? null, department ?? null, null, null, ...figureCells(shownSums(totals))]];
    return sendTable(reply, formatOf(accept), { json, columns: [...SECTION_COLUMNS, ...FIGURE_COLUMNS], rows, sheet: `Contact hours ${termId}`, file: `contact-hours-${termId}`, at: now });
  }

  @Get('instructors/:facultyId/contact-hours')
  @TextQuery('termId', 'the term to report on', true)
  @Roles('admin', 'registrar', 'faculty')
  async instructor(@Param('facultyId') facultyId: string, @Query('termId') termQuery: unknown, @Headers('accept') accept: string | undefined, @CurrentPrincipal() by: Principal, @Res() reply: FastifyReply) {
    if (by.role === 'faculty' && by.subject !== facultyId) throw new ForbiddenException(`facultyId: faculty ${by.subject} may read only their own contact hours`);
    const termId = single('termId', termQuery);
    if (termId === undefined) throw new BadRequestException('termId: is required (the term to report on)');
    await this.projection.waitForHead();
    this.knownTerm(termId);
    const now = this.clock().getTime();
    const model = this.projection.model;
    const taught = model.sectionIdsWhere({ termId }).filter((id) => model.definition(id)!.instructors.includes(facultyId));
    const sections = await this.rows(taught, now);
    // The classes held with this instructor connected, beside the section's own figures (a co-taught section's others held the rest).
    const own = sections.map((s) => s.heldBy[facultyId] ?? { count: 0, seconds: 0 });
    const ownTotal = tally({ count: own.reduce((n, t) => n + t.count, 0), seconds: own.reduce((n, t) => n + t.seconds, 0) });
    const totals = shownSums(addSums(sections.map((s) => s.sums)));
    const json = {
      facultyId,
      termId,
      asOf: new Date(now).toISOString(),
      sections: sections.map((s, i) => ({ ...s.row, heldByThisInstructor: tally(own[i]) })),
      totals: { sections: sections.length, ...totals, heldByThisInstructor: ownTotal },
    };
    const columns = ['facultyId', ...SECTION_COLUMNS, ...FIGURE_COLUMNS, 'heldByThisInstructorClasses', 'heldByThisInstructorHours'];
    const rows = [
      ...sections.map((s, i) => [facultyId, ...sectionCells(s.row), ...figureCells(s.row), own[i].count, tally(own[i]).hours]),
      [facultyId, 'total', termId, null, null, null, null, null, null, ...figureCells(totals), ownTotal.count, ownTotal.hours],
    ];
    return sendTable(reply, formatOf(accept), { json, columns, rows, sheet: `Contact hours ${facultyId}`, file: `contact-hours-${facultyId}-${termId}`, at: now });
  }

  /** A term is known by its sections: one with none is unknown, as the term lists answer. */
  private knownTerm(termId: string): void {
    if (this.projection.model.sectionIdsWhere({ termId }).length === 0) throw new NotFoundException(`termId: term ${termId} has no section`);
  }

  /** Each section's row, one section at a time: a whole term is long work, and other requests are answered in between. */
  private async rows(sectionIds: string[], now: number): Promise<SectionContactHours[]> {
    const rows = [];
    for (const sectionId of sectionIds) {
      rows.push(await sectionContactHours(this.reader, sectionId, now));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rows;
  }
}
