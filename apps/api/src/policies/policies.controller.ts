import type { DomainEvent } from '@attendance/domain';
import { BadRequestException, Body, Controller, Get, Headers, Inject, NotFoundException, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Instant, parseInstant, parseScope, POLICIES_STREAM, POLICY_SET, startOf, StrictObject, Text } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import { Policy, policyProblems } from '@attendance/rules';
import { Static, Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { AttendanceReader } from '../projection/attendance-reader';
import { After, caughtUp } from '../reads/after';
import { csvCell } from '../reads/eligibility-csv';
import { assertSectionScope } from '../reads/scope';
import { WhatIf, WhatIfResult } from './what-if';

const PolicyOverrides = Type.Record(Type.String(), Type.Unknown(), { description: 'settings of docs/rules.md §7 by their names' });
const PolicyBody = StrictObject({
  policy: PolicyOverrides,
  effectiveFrom: Instant(),
  retroactive: Type.Optional(Type.Boolean({ errorMessage: 'must be true or false' })),
  reason: Text(2000, 1),
});
const WhatIfBody = StrictObject({ scope: Text(300, 1), policy: PolicyOverrides });

const policyChecked = (policy: Record<string, unknown>) => {
  const problems = policyProblems(policy);
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  return policy as Partial<Policy>;
};

/**
 * The institution's attendance policy, in versions: for the whole institution, a term, a level or a
 * college, each from a date, each an event with who and why; and what-if, to see what a candidate
 * would change before adopting it.
 */
@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1')
export class PoliciesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projection: AttendanceProjection,
    private readonly reader: AttendanceReader,
    private readonly whatIf: WhatIf,
  ) {}

  /** A new version of a scope's policy ("institution", "term:<id>", "level:<level>", "college:<id>"), in force from effectiveFrom. */
  @Put('policies/:scope')
  @Roles('admin', 'registrar')
  @ApiBodySchema(PolicyBody)
  async set(@CurrentPrincipal() by: Principal, @Param('scope') scope: string, @Body(valid(PolicyBody)) body: Static<typeof PolicyBody>) {
    if (!parseScope(scope)) throw new BadRequestException(`scope: ${scope} is not "institution", "term:<id>", "level:<level>" or "college:<id>"`);
    const data = { scope, policy: policyChecked(body.policy), effectiveFrom: body.effectiveFrom, retroactive: body.retroactive ?? false, by: { role: by.role, subject: by.subject }, reason: body.reason };
    const { position, nextExpectedRevision } = await this.store.appendToStream(POLICIES_STREAM, [{ id: randomUUID(), type: POLICY_SET, data }]);
    return { ...data, version: Number(nextExpectedRevision) + 1, position: String(position) };
  }

  /** Every version, oldest first, with when each starts to count, and which is in force now in each scope. */
  @Get('policies')
  @Roles('admin', 'registrar', 'faculty')
  @After()
  async list(@Query('after') after?: string) {
    await caughtUp(this.projection, after);
    const now = this.clock().getTime();
    const versions = this.projection.model.policies.all().map((v) => ({ ...v, recordedAt: new Date(v.recordedAt).toISOString(), startsAt: new Date(startOf(v)).toISOString(), inForce: false }));
    const latest = new Map<string, (typeof versions)[number]>();
    for (const v of versions) {
      if (Date.parse(v.startsAt) > now) continue;
      const kept = latest.get(v.scope);
      if (!kept || v.startsAt > kept.startsAt || (v.startsAt === kept.startsAt && v.version > kept.version)) latest.set(v.scope, v);
    }
    for (const v of latest.values()) v.inForce = true;
    return { versions };
  }

  /** A section's policy as of a moment (now by default): every setting, and the versions it came from. */
  @Get('sections/:sectionId/policy')
  @Roles('admin', 'registrar', 'faculty')
  @After()
  async sectionPolicy(@CurrentPrincipal() by: Principal, @Param('sectionId') sectionId: string, @Query('asOf') asOf?: string, @Query('after') after?: string) {
    await caughtUp(this.projection, after);
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    const at = asOf === undefined ? this.clock().getTime() : parseInstant(asOf);
    if (at === undefined) throw new BadRequestException('asOf: must be an ISO 8601 date-time');
    const view = await this.reader.view(sectionId);
    const effective = this.reader.policyAt(asOf === undefined ? view.state : view.stateAsOf(at), at);
    return { sectionId, asOf: new Date(at).toISOString(), ...effective };
  }

  /**
   * What a candidate policy for a scope (a section "section:<id>", a term, a level, a college, the
   * institution) would change now: JSON, CSV (Accept: text/csv), or progress then the result as
   * Server-Sent Events (Accept: text/event-stream). Nothing is written.
   */
  @Post('what-if')
  @Roles('admin', 'registrar')
  @ApiBodySchema(WhatIfBody)
  async run(@Body(valid(WhatIfBody)) body: Static<typeof WhatIfBody>, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const candidate = policyChecked(body.policy);
    const sections = this.whatIf.sectionsIn(body.scope);
    if (!sections) throw new (body.scope.startsWith('section:') ? NotFoundException : BadRequestException)(`scope: ${body.scope} is not a section, "institution", "term:<id>", "level:<level>" or "college:<id>"`);
    await this.projection.waitForHead();
    const now = this.clock().getTime();
    if (accept?.includes('text/event-stream')) {
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      try {
        const result = await this.whatIf.run(body.scope, candidate, sections, now, (p) => raw.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`));
        raw.end(`event: result\ndata: ${JSON.stringify(result)}\n\n`);
      } catch {
        // The answer has begun: a failure can only be told in the stream.
        raw.end(`event: error\ndata: ${JSON.stringify({ message: 'the what-if could not be completed; try again' })}\n\n`);
      }
      return;
    }
    const result = await this.whatIf.run(body.scope, candidate, sections, now);
    if (accept?.includes('text/csv')) {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return whatIfCsv(result);
    }
    return result;
  }
}

/** One row per student whose status would change, and per component of theirs. */
function whatIfCsv(result: WhatIfResult): string {
  const lines = ['sectionId,studentId,from,to,component,absencePercentBefore,limitPercentBefore,absencePercentAfter,limitPercentAfter'];
  for (const change of result.changes) {
    for (const [component, f] of Object.entries(change.components)) {
      lines.push([change.sectionId, change.studentId, change.from, change.to, component, String(f!.before.absencePercent), String(f!.before.limitPercent), String(f!.after.absencePercent), String(f!.after.limitPercent)].map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
