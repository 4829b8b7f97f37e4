import { Inject, Injectable } from '@nestjs/common';
import type { Language, NoticeRecorded, RecipientRole } from '@attendance/domain';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';
import { AttendanceReader } from '../projection/attendance-reader';
import { MailSettings } from './mail-settings';

export interface Recipient {
  role: RecipientRole;
  to: string;
  language: Language;
}

/**
 * Who receives a notice by e-mail: the student (in their language, Arabic unless they chose
 * English; warnings only if they did not switch them off, a deprivation always), the section's
 * instructors when the section asks for copies, the academic advisor, and for a deprivation the
 * registrar's mailbox. Without an address a recipient is left out.
 */
@Injectable()
export class NoticeRecipients {
  constructor(
    private readonly settings: MailSettings,
    private readonly reader: AttendanceReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(notice: NoticeRecorded): Promise<Recipient[]> {
    const recipients: Recipient[] = [];
    const preferences = await this.settings.preferences(notice.studentId);
    const email = await this.settings.studentEmail(notice.studentId);
    // A decision on their own excuse request is always told, like a deprivation; its reasons go to no one else.
    const excuse = notice.excuse !== undefined;
    if (email && (notice.kind === 'deprived' || excuse || preferences?.warningEmails !== false)) recipients.push({ role: 'student', to: email, language: preferences?.language ?? 'ar' });
    if (excuse) return recipients;
    if (notice.kind !== 'consecutive-absences' && (await this.settings.copiesToInstructors(notice.sectionId))) {
      for (const instructor of this.reader.instructorsOf(notice.sectionId) ?? []) await this.addStaff(recipients, 'instructor', instructor);
    }
    const advisor = await this.settings.advisorOf(notice.sectionId, notice.studentId);
    if (advisor) await this.addStaff(recipients, 'advisor', advisor);
    const registrar = this.config.mail?.registrar;
    if (notice.kind === 'deprived' && registrar) recipients.push({ role: 'registrar', to: registrar, language: 'ar' });
    return recipients;
  }

  private async addStaff(recipients: Recipient[], role: RecipientRole, staffId: string): Promise<void> {
    const contact = await this.settings.staffContact(staffId);
    if (contact && !recipients.some((r) => r.to === contact.email)) recipients.push({ role, to: contact.email, language: contact.language ?? 'ar' });
  }
}
