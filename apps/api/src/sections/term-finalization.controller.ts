import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StrictObject, Text } from '@attendance/domain';
import type { Static } from '@sinclair/typebox';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import { AttendanceProjection } from '../projection/attendance.projection';
import { ChangeSection } from './change-section.command';

const TermDecisionBody = StrictObject({ reason: Text(2000, 1) }, 'why the whole term is finalized or reopened');

/**
 * Finalizes (or reopens) the eligibility of every section of a term in one step: each section's
 * own event, with who and why, as the section's finalize route records it. Sections already in
 * that state are left as they are, so a step cut short is finished by asking again.
 */
@ApiTags('sections')
@ApiBearerAuth()
@Controller('api/v1/terms')
export class TermFinalizationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projection: AttendanceProjection,
  ) {}

  @Post(':termId/finalize')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  @ApiBodySchema(TermDecisionBody)
  finalize(@Param('termId') termId: string, @Body(valid(TermDecisionBody)) body: Static<typeof TermDecisionBody>, @CurrentPrincipal() by: Principal) {
    return this.decide(termId, 'finalize', body.reason, by);
  }

  @Post(':termId/reopen')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  @ApiBodySchema(TermDecisionBody)
  reopen(@Param('termId') termId: string, @Body(valid(TermDecisionBody)) body: Static<typeof TermDecisionBody>, @CurrentPrincipal() by: Principal) {
    return this.decide(termId, 'reopen', body.reason, by);
  }

  private async decide(termId: string, kind: 'finalize' | 'reopen', reason: string, by: Principal) {
    await this.projection.waitForHead();
    const model = this.projection.model;
    const sections = model.sectionIdsWhere({ termId });
    if (sections.length === 0) throw new NotFoundException(`termId: term ${termId} has no section`);
    const changed: string[] = [];
    const unchanged: string[] = [];
    let position = 0n;
    for (const sectionId of sections) {
      if (model.definition(sectionId)!.finalized === (kind === 'finalize')) {
        unchanged.push(sectionId);
        continue;
      }
      const result = await this.commands.execute(new ChangeSection(sectionId, { kind, reason }, by));
      if (result.position > position) position = result.position;
      changed.push(sectionId);
    }
    return { termId, [kind === 'finalize' ? 'finalized' : 'reopened']: changed, unchanged, position: String(position || this.projection.position) };
  }
}
