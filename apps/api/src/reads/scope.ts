import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal';

/** A section that exists, and that a faculty member reaches only when it lists them. */
export function assertSectionScope(by: Principal, sectionId: string, instructors: string[] | undefined): void {
  if (instructors === undefined) throw new NotFoundException(`section ${sectionId} does not exist`);
  if (by.role === 'faculty' && !instructors.includes(by.subject)) throw new ForbiddenException(`faculty ${by.subject} does not teach section ${sectionId}`);
}

export function assertStudentScope(by: Principal, studentId: string): void {
  if (by.role === 'student' && by.subject !== studentId) throw new ForbiddenException('a student may read only their own records');
}
