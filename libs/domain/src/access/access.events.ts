import { Static, Type } from '@sinclair/typebox';
import { checker, OneOf } from '../schema';

/** `department` and `college`: a council (its subject the department's or college's id) that decides excuse requests. */
export const ROLES = ['admin', 'integration', 'registrar', 'faculty', 'student', 'department', 'college'] as const;
export type Role = (typeof ROLES)[number];

const TokenIssuedSchema = Type.Object({ tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$' }), role: OneOf(ROLES), subject: Type.String(), issuedAt: Type.String() });
/** A token was issued; only its SHA-256 hash is kept. */
export type TokenIssued = Static<typeof TokenIssuedSchema>;
export const TOKENS_STREAM = 'tokens';
export const TOKEN_ISSUED = 'TokenIssued';

/** Who read: the role and subject of their token or session, and for a signed-in person who they are at their identity provider. */
const Reader = Type.Object({ role: Type.String(), subject: Type.String(), signedIn: Type.Optional(Type.Object({ issuer: Type.String(), sub: Type.String(), name: Type.Optional(Type.String()) })) });

const StudentRecordReadSchema = Type.Object({ studentId: Type.String(), by: Reader, what: Type.String(), at: Type.String() });
/** Someone read one student's record (PDPL): who, what, when. Written by earlier versions, one stream a student; still read. */
export type StudentRecordRead = Static<typeof StudentRecordReadSchema>;
export const STUDENT_RECORD_READ = 'StudentRecordRead';

const StudentRecordsReadSchema = Type.Object({ studentIds: Type.Array(Type.String(), { minItems: 1 }), by: Reader, what: Type.String(), at: Type.String() });
/** Someone read the records of these students in one request (PDPL): who, what, when. */
export type StudentRecordsRead = Static<typeof StudentRecordsReadSchema>;
export const STUDENT_RECORDS_READ = 'StudentRecordsRead';
/** The reads of one day (UTC), in one stream: a roster read is one event, not one a student. */
export const auditReadsStream = (at: string) => `audit-reads-${at.slice(0, 10)}`;

const StudentDocumentsErasedSchema = Type.Object({ studentId: Type.String(), documents: Type.Integer({ minimum: 0 }), by: Reader, reason: Type.String(), at: Type.String() });
/** A student's excuse documents were erased by destroying their key (PDPL): who, why, when. The decisions on their requests stay. */
export type StudentDocumentsErased = Static<typeof StudentDocumentsErasedSchema>;
export const STUDENT_DOCUMENTS_ERASED = 'StudentDocumentsErased';
export const documentErasuresStream = (studentId: string) => `documents-erased-${JSON.stringify(studentId)}`;

export const ACCESS_EVENT_SCHEMAS = {
  [STUDENT_DOCUMENTS_ERASED]: checker(StudentDocumentsErasedSchema),
  [TOKEN_ISSUED]: checker(TokenIssuedSchema),
  [STUDENT_RECORD_READ]: checker(StudentRecordReadSchema),
  [STUDENT_RECORDS_READ]: checker(StudentRecordsReadSchema),
} as const;
