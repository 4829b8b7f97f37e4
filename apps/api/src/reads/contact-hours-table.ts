import type { FastifyReply } from 'fastify';
import { XLSX, xlsxOf } from '../common/xlsx';
import { csvCell } from './eligibility-csv';
import type { shownSums } from './contact-hours-report';

/**
 * The contact-hours answers as tables: the same rows as CSV or as an XLSX workbook (the one
 * hand-written writer), chosen by Accept; JSON otherwise. Hours are to two decimals.
 */

export type Format = 'json' | 'csv' | 'xlsx';
export const formatOf = (accept: string | undefined): Format => (accept?.includes(XLSX) ? 'xlsx' : accept?.includes('text/csv') ? 'csv' : 'json');

type Cell = string | number | boolean | null;
type Shown = ReturnType<typeof shownSums>;

/** A section's (or the total's) figures, after the columns that say which it is. */
export const FIGURE_COLUMNS = [
  'plannedClasses', 'plannedHours', 'heldClasses', 'heldHours', 'notHeldClasses', 'notHeldHours', 'pendingClasses', 'pendingHours', 'cancelledClasses', 'cancelledHours', 'shortClasses',
  'recordedLectures', 'recordedLectureHours', 'eActivities', 'units', 'synchronousUnitsPlanned', 'synchronousUnitsHeld', 'synchronousHeldPercent', 'enrollments', 'attendedHours', 'meanAttendedHours',
];

export function figureCells(s: Shown): Cell[] {
  const v = s.virtualClasses;
  return [
    v.planned.count, v.planned.hours, v.held.count, v.held.hours, v.notHeld.count, v.notHeld.hours, v.pending.count, v.pending.hours, v.cancelled.count, v.cancelled.hours, v.short.count,
    s.recordedLectures.count, s.recordedLectures.hours, s.eActivities.count, s.units.total, s.units.synchronousPlanned, s.units.synchronousHeld, s.units.synchronousHeldPercent,
    s.studentContact.enrollments, s.studentContact.total.hours, s.studentContact.mean.hours,
  ];
}

/** The columns naming a section row of a term or an instructor ('section'), or the total row ('total'). */
export const SECTION_COLUMNS = ['row', 'termId', 'sectionId', 'courseCode', 'college', 'department', 'level', 'instructors'];
export const sectionCells = (row: { termId: string; sectionId: string; courseCode: string; college: string | null; department: string | null; level: string; instructors: string[] }): Cell[] => [
  'section', row.termId, row.sectionId, row.courseCode, row.college, row.department, row.level, row.instructors.join(' '),
];

/** One row a student of a section: their contact time against the hours held. */
export const STUDENT_COLUMNS = ['termId', 'sectionId', 'courseCode', 'studentId', 'heldClasses', 'heldHours', 'classesJoined', 'virtualClassMinutes', 'virtualClassHours', 'inPersonSessions', 'inPersonMinutes', 'inPersonHours'];

/** Sends `rows` under `columns` in the format asked for; JSON is the caller's `json`. */
export function sendTable(reply: FastifyReply, format: Format, { json, columns, rows, sheet, file, at }: { json: unknown; columns: string[]; rows: Cell[][]; sheet: string; file: string; at: number }) {
  if (format === 'json') return reply.send(json);
  const disposition = (ext: string) => `attachment; filename="${file.replace(/[^A-Za-z0-9._-]+/g, '-')}.${ext}"`;
  if (format === 'xlsx') return reply.header('content-type', XLSX).header('content-disposition', disposition('xlsx')).send(xlsxOf(sheet, [columns, ...rows], new Date(at)));
  const csv = [columns.join(','), ...rows.map((row) => row.map((c) => csvCell(c === null ? '' : String(c))).join(','))].join('\n') + '\n';
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition('csv')).send(csv);
}
