import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { SectionView } from '../projection/section-view';

/** Faculty see only the sections that list them; students only themselves. */
export function assertSectionScope(by: Principal, view: SectionView): void {
  if (by.role === 'faculty' && !view.state.definition?.instructors.includes(by.subject)) {
    throw new ForbiddenException(`faculty ${by.subject} does not teach section ${view.sectionId}`);
  }
}

export function assertStudentScope(by: Principal, studentId: string): void {
  if (by.role === 'student' && by.subject !== studentId) throw new ForbiddenException('a student may read only their own records');
}
