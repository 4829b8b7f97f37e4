import type { AttendanceReader } from '../projection/attendance-reader';

type Eligibility = Awaited<ReturnType<AttendanceReader['eligibility']>>;

/**
 * One CSV cell. A cell that begins with =, +, -, @, a tab or a carriage return would be run as a
 * formula by a spreadsheet (OWASP, CSV injection): it is prefixed with a quote mark. Quotes, commas
 * and line breaks put the cell in quotes.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The eligibility list as CSV: one row per student, the reasons as `component absence% > limit%`. */
export function eligibilityCsv(e: Eligibility): string {
  const lines = ['sectionId,asOf,finalized,studentId,eligible,status,reasons'];
  for (const s of e.students) {
    const reasons = s.reasons.map((r) => `${r.component} ${r.absencePercent}% > ${r.limitPercent}%`).join('; ');
    lines.push([e.sectionId, e.asOf, String(e.finalized), s.studentId, String(s.eligible), s.status, reasons].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
