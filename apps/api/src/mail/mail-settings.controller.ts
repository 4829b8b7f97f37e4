import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id, SectionNoticeCopiesSchema, StaffContact, StaffContactSchema, StrictObject, StudentPreferences, StudentPreferencesSchema } from '@attendance/domain';
import { Static } from '@sinclair/typebox';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { ApiBodySchema, valid } from '../common/validation';
import { AttendanceReader } from '../projection/attendance-reader';
import { assertSectionScope, assertStudentScope } from '../reads/scope';
import { MailSettings } from './mail-settings';

const AdvisorBody = StrictObject({ advisorId: Id() }, 'the academic advisor (a staff id) who hears the notices');

/** Who hears the notices and how: staff contacts, a student's preferences, advisors, copies to instructors. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1')
export class MailSettingsController {
  constructor(
    private readonly settings: MailSettings,
    private readonly reader: AttendanceReader,
  ) {}

  /** How to reach a member of staff (an instructor, an advisor) by e-mail, and in which language. */
  @Put('staff/:staffId/contact')
  @Roles('admin', 'registrar')
  @ApiBodySchema(StaffContactSchema)
  async setContact(@Param('staffId') staffId: string, @Body(valid(StaffContactSchema)) contact: StaffContact) {
    return { staffId, contact, position: await this.settings.setStaffContact(staffId, contact) };
  }

  /** A student's language for their notices, and whether warnings are e-mailed; a deprivation is always e-mailed. */
  @Put('students/:studentId/preferences')
  @Roles('student', 'admin')
  @ApiBodySchema(StudentPreferencesSchema)
  async setPreferences(@CurrentPrincipal() by: Principal, @Param('studentId') studentId: string, @Body(valid(StudentPreferencesSchema)) preferences: StudentPreferences) {
    assertStudentScope(by, studentId);
    const kept = { warningEmails: true, ...preferences };
    return { studentId, preferences: kept, position: await this.settings.setPreferences(studentId, kept) };
  }

  @Get('students/:studentId/preferences')
  @Roles('student', 'admin', 'registrar')
  async preferences(@CurrentPrincipal() by: Principal, @Param('studentId') studentId: string) {
    assertStudentScope(by, studentId);
    return { studentId, preferences: (await this.settings.preferences(studentId)) ?? { language: 'ar', warningEmails: true } };
  }

  /** A student's academic advisor (before the section's), who hears their notices. */
  @Put('students/:studentId/advisor')
  @Roles('admin', 'registrar')
  @ApiBodySchema(AdvisorBody)
  async setStudentAdvisor(@Param('studentId') studentId: string, @Body(valid(AdvisorBody)) body: Static<typeof AdvisorBody>) {
    return { studentId, advisorId: body.advisorId, position: await this.settings.assignAdvisor('student', studentId, body.advisorId) };
  }

  /** The advisor of every student of a section who has none of their own. */
  @Put('sections/:sectionId/advisor')
  @Roles('admin', 'registrar')
  @ApiBodySchema(AdvisorBody)
  async setSectionAdvisor(@CurrentPrincipal() by: Principal, @Param('sectionId') sectionId: string, @Body(valid(AdvisorBody)) body: Static<typeof AdvisorBody>) {
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    return { sectionId, advisorId: body.advisorId, position: await this.settings.assignAdvisor('section', sectionId, body.advisorId) };
  }

  /** Whether the section's instructors get a copy of each of its notices. */
  @Put('sections/:sectionId/notice-copies')
  @Roles('admin', 'registrar', 'faculty')
  @ApiBodySchema(SectionNoticeCopiesSchema)
  async setCopies(@CurrentPrincipal() by: Principal, @Param('sectionId') sectionId: string, @Body(valid(SectionNoticeCopiesSchema)) body: Static<typeof SectionNoticeCopiesSchema>) {
    assertSectionScope(by, sectionId, this.reader.instructorsOf(sectionId));
    return { sectionId, copies: body, position: await this.settings.setCopies(sectionId, body.instructors) };
  }
}
