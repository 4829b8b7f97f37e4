import type { Status } from '@attendance/rules';

/** A warning, deprivation or lifted notice told to one enrollment (rules I6). */
export interface NoticeRecorded {
  sectionId: string;
  studentId: string;
  kind: 'warning-1' | 'warning-2' | 'deprived' | 'lifted';
  /** The status the notice tells about; for lifted, the status fallen back to. */
  status: Status;
  from?: Status;
  at: string;
  absencePercents: Record<string, number>;
  message: string;
}

export const NOTICE_RECORDED = 'NoticeRecorded';
export const noticeStream = (sectionId: string, studentId: string) => `notices-${sectionId}-${studentId}`;
