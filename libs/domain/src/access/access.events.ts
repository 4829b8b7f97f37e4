import { Static, Type } from '@sinclair/typebox';
import { checker, OneOf } from '../schema';

export const ROLES = ['admin', 'integration', 'registrar', 'faculty', 'student'] as const;
export type Role = (typeof ROLES)[number];

const TokenIssuedSchema = Type.Object({ tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$' }), role: OneOf(ROLES), subject: Type.String(), issuedAt: Type.String() });
/** A token was issued; only its SHA-256 hash is kept. */
export type TokenIssued = Static<typeof TokenIssuedSchema>;
export const TOKENS_STREAM = 'tokens';
export const TOKEN_ISSUED = 'TokenIssued';

const StudentRecordReadSchema = Type.Object({
  studentId: Type.String(),
  by: Type.Object({ role: Type.String(), subject: Type.String() }),
  what: Type.String(),
  at: Type.String(),
});
/** Someone read one student's record (PDPL): who, what, when. */
export type StudentRecordRead = Static<typeof StudentRecordReadSchema>;
export const STUDENT_RECORD_READ = 'StudentRecordRead';
export const auditStream = (studentId: string) => `audit-student-${studentId}`;

export const ACCESS_EVENT_SCHEMAS = { [TOKEN_ISSUED]: checker(TokenIssuedSchema), [STUDENT_RECORD_READ]: checker(StudentRecordReadSchema) } as const;
