import { BadRequestException, Controller, Get, Headers, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@attendance/event-store';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { CLOCK } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { AttendanceReader, bindingOf } from '../projection/attendance-reader';
import { AuditTrail } from './audit-trail';
import { listFormat, streamTo } from './term-list-format';


/**
 * Term-wide lists for the registrar and the SIS: the eligibility of every student of a term (or of
 * one college in it), streamed section by section as JSON lines or CSV, as of a snapshot whose id
 * always gives the same list.
 */
@ApiTags('reads')
@ApiBearerAuth()
@Controller('api/v1/terms')
export class TermListsController {
  /** The sections of a term, of one college or department when asked. */
  private sectionsOf(termId: string, college?: string, department?: string): string[] {
    const sections = this.projection.model.sectionIdsWhere({ termId, college, department });
    if (sections.length === 0) throw new NotFoundException(`termId: term ${termId} has no section${college || department ? ' of that college or department' : ''}`);
    return sections;
  }

  constructor(
    private readonly reader: AttendanceReader,
    private readonly projection: AttendanceProjection,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `snapshot` (an id this route answered in X-Snapshot-Id) repeats a list exactly; without it the
   * list is as of now, and says its id. Accept: text/csv for CSV, the XLSX type for a workbook; JSON lines otherwise.
   * `college` or `department` narrows it to theirs.
   */
  @Get(':termId/eligibility')
  @Roles('admin', 'registrar')
  async eligibility(
    @Param('termId') termId: string,
    @Query('college') college: string | undefined,
    @Query('department') department: string | undefined,
    @Query('snapshot') snapshot: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() by: Principal,
    @Res() reply: FastifyReply,
  ) {
    const now = this.clock().getTime();
    const at = snapshot === undefined ? now : snapshotTime(snapshot, now);
    await this.projection.waitForHead();
    const model = this.projection.model;
    const sections = this.sectionsOf(termId, college, department);
    const snapshotId = `s${at}`;
    const format = listFormat(accept, `Eligibility ${termId}`, new Date(at));
    reply.hijack();
    const out = streamTo(reply.raw);
    reply.raw.writeHead(200, { 'content-type': format.contentType, 'x-snapshot-id': snapshotId, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="eligibility-${termId}-${snapshotId}.${format.extension}"` });
    try {
      await out.write(format.start());
      // One section at a time, written as it comes and no faster than the client takes it: a whole term is never held at once.
      for (const sectionId of sections) {
        const d = model.definition(sectionId)!;
        const list = await this.reader.snapshotEligibility(sectionId, at);
        await this.audit.recordReads(by, list.students.map((s) => s.studentId), `GET /terms/${termId}/eligibility (snapshot ${snapshotId})`);
        const rows = list.students.map((s) => ({ snapshotId, termId, sectionId, courseCode: d.courseCode, college: d.college ?? null, department: d.department ?? null, studentId: s.studentId, eligible: s.eligible, status: s.status, binding: s.binding, policy: list.policy }));
        await out.write(format.rows(rows));
      }
      await out.write(format.end());
      out.end();
    } catch (error) {
      // The head is sent: a list cut short must not look whole, so the connection is broken off.
      reply.raw.destroy(error as Error);
    }
  }

  /**
   * The students at risk across the sections of a term — second warnings and deprivations unless
   * `status` names others — by college and department, as a dean's office filters them; the live
   * statuses, most serious first.
   */
  @Get(':termId/at-risk')
  @Roles('admin', 'registrar')
  async atRisk(
    @Param('termId') termId: string,
    @Query('college') college: string | undefined,
    @Query('department') department: string | undefined,
    @Query('status') status: string | undefined,
    @CurrentPrincipal() by: Principal,
  ) {
    const wanted = status === undefined ? AT_RISK : status.split(',');
    const unknown = wanted.find((s) => !STATUSES.includes(s));
    if (unknown !== undefined) throw new BadRequestException(`status: ${unknown} is not one of ${STATUSES.join(', ')}`);
    await this.projection.waitForHead();
    const model = this.projection.model;
    const students = [];
    for (const sectionId of this.sectionsOf(termId, college, department)) {
      const d = model.definition(sectionId)!;
      const limitPercent = 100 - (await this.reader.policyNow(sectionId)).policy.thresholdPercent;
      const shown = (await this.reader.statuses(sectionId)).filter((s) => wanted.includes(s.row.status));
      await this.audit.recordReads(by, shown.map((s) => s.studentId), `GET /terms/${termId}/at-risk`);
      for (const s of shown) students.push({ sectionId, courseCode: d.courseCode, college: d.college ?? null, department: d.department ?? null, studentId: s.studentId, status: s.row.status, binding: bindingOf(s.row.components, limitPercent), reasons: s.reasons, components: s.row.components });
    }
    students.sort((a, b) => SERIOUSNESS[b.status] - SERIOUSNESS[a.status] || a.sectionId.localeCompare(b.sectionId) || a.studentId.localeCompare(b.studentId));
    return { termId, college: college ?? null, department: department ?? null, statuses: wanted, generatedAt: this.clock().toISOString(), students };
  }
}

/** The statuses an at-risk list shows unless asked otherwise. */
const AT_RISK = ['warning-2', 'deprived'];
const STATUSES = ['good', 'warning-1', 'warning-2', 'deprived', 'waived'];
/** Most serious first: deprived, second and first warning, waived, good. */
const SERIOUSNESS: Record<string, number> = { deprived: 4, 'warning-2': 3, 'warning-1': 2, waived: 1, good: 0 };

/** The moment a snapshot id names; one in the future or not of this route's making is refused. */
function snapshotTime(snapshot: string, now: number): number {
  const match = /^s(\d{1,15})$/.exec(snapshot);
  if (!match || Number(match[1]) > now) throw new BadRequestException('snapshot: is not a snapshot id this service gave (see X-Snapshot-Id)');
  return Number(match[1]);
}
