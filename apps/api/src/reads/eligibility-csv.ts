import type { AttendanceReader } from '../projection/attendance-reader';

type Eligibility = ReturnType<AttendanceReader['eligibility']>;

const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The eligibility list as CSV: one row per student, the reasons as `component absence% > limit%`. */
export function eligibilityCsv(e: Eligibility): string {
  const lines = ['sectionId,asOf,finalized,studentId,eligible,status,reasons'];
  for (const s of e.students) {
    const reasons = s.reasons.map((r) => `${r.component} ${r.absencePercent}% > ${r.limitPercent}%`).join('; ');
    lines.push([e.sectionId, e.asOf, String(e.finalized), s.studentId, String(s.eligible), s.status, reasons].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
