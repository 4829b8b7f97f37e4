import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Policy } from '@attendance/rules';
import { Inject } from '@nestjs/common';
import type { Clock } from '@attendance/event-store';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { CLOCK } from '../config/tokens';
import { ChangeSection, SectionChange } from './change-section.command';
import { CorrectionDto, EnrollmentDto, ExcuseDto, FinalizeDto, ItemDto, SectionDto, WaiverDto } from './section.dto';

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
  define(@Param('sectionId') sectionId: string, @Body() body: SectionDto, @CurrentPrincipal() by: Principal) {
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
  async enroll(@Param('sectionId') sectionId: string, @Param('studentId') studentId: string, @Body() body: EnrollmentDto, @CurrentPrincipal() by: Principal) {
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
  async schedule(@Param('sectionId') sectionId: string, @Param('itemId') itemId: string, @Body() body: ItemDto, @CurrentPrincipal() by: Principal) {
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
  excuse(@Param('sectionId') sectionId: string, @Body() body: ExcuseDto, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'excuse', data: { ...body, sectionId, recordedBy: `${by.role}:${by.subject}` } }, by);
  }

  @Post('corrections')
  @Roles('admin', 'integration', 'faculty')
  correct(@Param('sectionId') sectionId: string, @Body() body: CorrectionDto, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'correct', data: { ...body, sectionId, correctedBy: `${by.role}:${by.subject}` } }, by);
  }

  @Post('waivers')
  @Roles('admin', 'registrar')
  waive(@Param('sectionId') sectionId: string, @Body() body: WaiverDto, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'waive', data: { ...body, sectionId } }, by);
  }

  @Post('eligibility/finalize')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  finalize(@Param('sectionId') sectionId: string, @Body() body: FinalizeDto, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'finalize', reason: body?.reason }, by);
  }

  @Post('eligibility/reopen')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  reopen(@Param('sectionId') sectionId: string, @Body() body: FinalizeDto, @CurrentPrincipal() by: Principal) {
    return this.change(sectionId, { kind: 'reopen', reason: body?.reason }, by);
  }
}
