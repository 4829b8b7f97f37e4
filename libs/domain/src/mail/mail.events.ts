import { Static, Type } from '@sinclair/typebox';
import { checker, Email, Id, OneOf, StrictObject, Text } from '../schema';

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A body and an event: who a member of staff (an instructor, an advisor) is to the mail. */
export const StaffContactSchema = StrictObject({ email: Email(), name: Type.Optional(Text(200, 1)), language: Type.Optional(OneOf(LANGUAGES)) }, 'how to reach a member of staff');
export type StaffContact = Static<typeof StaffContactSchema>;
const StaffContactSetSchema = Type.Object({ staffId: Id(), contact: StaffContactSchema });
export type StaffContactSet = Static<typeof StaffContactSetSchema>;
export const STAFF_CONTACT_SET = 'StaffContactSet';
export const staffContactStream = (staffId: string) => `staff-contact-${JSON.stringify(staffId)}`;

/** A student's choices about their notices: the language, and whether warnings are e-mailed (a deprivation always is). */
export const StudentPreferencesSchema = StrictObject(
  { language: OneOf(LANGUAGES), warningEmails: Type.Optional(Type.Boolean({ errorMessage: 'must be true or false' })) },
  'a student\'s choices about their notices',
);
export type StudentPreferences = Static<typeof StudentPreferencesSchema>;
const StudentPreferencesSetSchema = Type.Object({ studentId: Id(), preferences: StudentPreferencesSchema });
export type StudentPreferencesSet = Static<typeof StudentPreferencesSetSchema>;
export const STUDENT_PREFERENCES_SET = 'StudentPreferencesSet';
export const studentPreferencesStream = (studentId: string) => `student-preferences-${JSON.stringify(studentId)}`;

/** The academic advisor of a student, or of every student of a section (a student's own comes first). */
const AdvisorAssignedSchema = Type.Object({ scope: OneOf(['student', 'section'] as const), id: Id(), advisorId: Id() });
export type AdvisorAssigned = Static<typeof AdvisorAssignedSchema>;
export const ADVISOR_ASSIGNED = 'AdvisorAssigned';
export const advisorStream = (scope: 'student' | 'section', id: string) => `advisor-${scope}-${JSON.stringify(id)}`;

/** Who else hears a section's notices: copies to its instructors. */
export const SectionNoticeCopiesSchema = StrictObject({ instructors: Type.Boolean({ errorMessage: 'must be true or false' }) }, 'who else hears a section\'s notices');
const SectionNoticeCopiesSetSchema = Type.Object({ sectionId: Id(), copies: SectionNoticeCopiesSchema });
export type SectionNoticeCopiesSet = Static<typeof SectionNoticeCopiesSetSchema>;
export const SECTION_NOTICE_COPIES_SET = 'SectionNoticeCopiesSet';
export const sectionNoticeCopiesStream = (sectionId: string) => `notice-copies-${JSON.stringify(sectionId)}`;

export const RECIPIENT_ROLES = ['student', 'instructor', 'advisor', 'registrar'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
/** One recipient's copy of a notice was taken by the mail server (or refused for good: `refused`). */
const NoticeMailedSchema = Type.Object({
  noticeId: Type.String({ minLength: 1 }),
  role: OneOf(RECIPIENT_ROLES),
  to: Type.String({ minLength: 1 }),
  messageId: Type.String({ minLength: 1 }),
  refused: Type.Optional(Type.String()),
});
export type NoticeMailed = Static<typeof NoticeMailedSchema>;
export const NOTICE_MAILED = 'NoticeMailed';
export const noticeMailedStream = (noticeId: string) => `notice-mailed-${JSON.stringify(noticeId)}`;

export const MAIL_EVENT_SCHEMAS = {
  [STAFF_CONTACT_SET]: checker(StaffContactSetSchema),
  [STUDENT_PREFERENCES_SET]: checker(StudentPreferencesSetSchema),
  [ADVISOR_ASSIGNED]: checker(AdvisorAssignedSchema),
  [SECTION_NOTICE_COPIES_SET]: checker(SectionNoticeCopiesSetSchema),
  [NOTICE_MAILED]: checker(NoticeMailedSchema),
} as const;

export type MailEvent =
  | { type: 'StaffContactSet'; data: StaffContactSet }
  | { type: 'StudentPreferencesSet'; data: StudentPreferencesSet }
  | { type: 'AdvisorAssigned'; data: AdvisorAssigned }
  | { type: 'SectionNoticeCopiesSet'; data: SectionNoticeCopiesSet }
  | { type: 'NoticeMailed'; data: NoticeMailed };
