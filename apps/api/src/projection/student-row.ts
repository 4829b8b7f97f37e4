import type { StudentEvaluation } from '@attendance/rules';

/** What a list shows of one student: the status, whether eligible, and each component's figures. */
export type StudentRow = Pick<StudentEvaluation, 'studentId' | 'status' | 'eligible' | 'components'>;
