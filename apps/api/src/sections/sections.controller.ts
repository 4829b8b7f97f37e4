import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Policy } from '@attendance/rules';
import type { Static } from '@sinclair/typebox';
import type { Clock } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { CLOCK } from '../config/tokens';
import { ChangeSection, SectionChange } from './change-section.command';
import { ApiBodySchema, valid } from '../common/validation';
import { CorrectionBody, EnrollmentBody, ExcuseBody, FinalizeBody, ItemBody, SectionBody, WaiverBody } from './section.bodies';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/sections/:sectionId')
export class SectionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async change(sectionId: string, change: SectionChange, by: Principal) {
    const { position } = await this.commands.execute(new ChangeSection(sectionId, change, by));
    return { sectionId, position: String(position) };
  }

  @Put()
  @Roles('admin', 'integration')
  @ApiBodySchema(SectionBody)
  define(@Param('sectionId') sectionId: string, @Body(valid(SectionBody)) body: Static<typeof SectionBody>, @CurrentPrincipal() by: Principal) {
    const data = {
      ...body,
      links: body.links ? { ...body.links } : undefined,
      sectionId,
      timezone: body.timezone ?? 'Asia/Riyadh',
      instructors: body.instructors ?? [],
      policy: (body.policy ?? {}) as Partial<Policy>,
    };
    return this.change(sectionId, { kind: 'define', data }, by);
  }

  @Put('enrollments/:studentId')
  @Roles('admin', 'integration')
  @ApiBodySchema(EnrollmentBody, { required: false })
  async enroll(@Param('sectionId') sectionId: string, @Param('studentId') studentId: string, @Body(valid(EnrollmentBody)) body: Static<typeof EnrollmentBody>, @CurrentPrincipal() by: Principal) {
    const enrolledAt = body.enrolledAt ?? this.clock().toISOString();
    return { studentId, enrolledAt, ...(await this.change(sectionId, { kind: 'enroll', studentId, enrolledAt }, by)) };
  }

  @Delete('enrollments/:studentId')
  @Roles('admin', 'integration')
  async drop(@Param('sectionId') sectionId: string, @Param('studentId') studentId: string, @CurrentPrincipal() by: Principal) {
    return { studentId, ...(await this.change(sectionId, { kind: 'drop', studentId }, by)) };
  }

  @Put('items/:itemId')
  @Roles('admin', 'integration')
  @ApiBodySchema(ItemBody)
  async schedule(@Param('sectionId') sectionId: string, @Param('itemId') itemId: string, @Body(valid(ItemBody)) body: Static<typeof ItemBody>, @CurrentPrincipal() by: Principal) {
    const links = body.links ? { ...body.links } : undefined;
    return { itemId, ...(await this.change(sectionId, { kind: 'schedule-item', data: { ...body, links, sectionId, itemId } }, by)) };
  }

  @Delete('items/:itemId')
  @Roles('admin', 'integration')
  async cancel(@Param('sectionId') sectionId: string, @Param('itemId') itemId: string, @CurrentPrincipal() by: Principal) {
    return { itemId, ...(await this.change(sectionId, { kind: 'cancel-item', itemId }, by)) };
  }

  @Post('excuses')
  @Roles('admin', 'integration', 'registrar', 'faculty')
  @ApiBodySchema(ExcuseBody)
  async excuse(@Param('sectionId') sectionId: string, @Body(valid(ExcuseBody)) body: Static<typeof ExcuseBody>, @CurrentPrincipal() by: Principal) {
    // Named, so that it can be revoked (POST /sections/{sectionId}/excuses/{excuseId}/revocation).
    const excuseId = randomUUID();
    return { excuseId, ...(await this.change(sectionId, { kind: 'excuse', data: { ...body, sectionId, recordedBy: `${by.role}:${by.subject}`, excuseId } }, by)) };
  }

  @Post('corrections')
  @Roles('admin', 'integration', 'faculty')
  @ApiBodySchema(CorrectionBody)
  correct(@Param('sectionId') sectionId: string, @Body(valid(CorrectionBody)) body: Static<typeof CorrectionBody>, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'correct', data: { ...body, sectionId, correctedBy: `${by.role}:${by.subject}` } }, by);
  }

  @Post('waivers')
  @Roles('admin', 'registrar')
  @ApiBodySchema(WaiverBody)
  waive(@Param('sectionId') sectionId: string, @Body(valid(WaiverBody)) body: Static<typeof WaiverBody>, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'waive', data: { ...body, sectionId } }, by);
  }

  @Post('eligibility/finalize')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  @ApiBodySchema(FinalizeBody, { required: false })
  finalize(@Param('sectionId') sectionId: string, @Body(valid(FinalizeBody)) body: Static<typeof FinalizeBody>, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'finalize', reason: body.reason }, by);
  }

  @Post('eligibility/reopen')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  @ApiBodySchema(FinalizeBody, { required: false })
  reopen(@Param('sectionId') sectionId: string, @Body(valid(FinalizeBody)) body: Static<typeof FinalizeBody>, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'reopen', reason: body.reason }, by);
  }
}
