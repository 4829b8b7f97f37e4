import type { ServerResponse } from 'node:http';
import { XLSX, XlsxCell, XlsxWriter } from '../common/xlsx';
import { csvCell } from './eligibility-csv';

/** One row of a term's eligibility list, as JSON lines carry it. */
export interface TermEligibilityRow {
  snapshotId: string;
  termId: string;
  sectionId: string;
  courseCode: string;
  college: string | null;
  department: string | null;
  studentId: string;
  eligible: boolean;
  status: string;
  binding: { component: string; absencePercent: number; limitPercent: number } | null;
  policy: { versions: Array<{ scope: string; version: number }> };
}

const COLUMNS = ['snapshotId', 'termId', 'sectionId', 'courseCode', 'college', 'department', 'studentId', 'eligible', 'status', 'component', 'absencePercent', 'limitPercent', 'policyVersions'];

/** A row's cells in the order of COLUMNS, for CSV and XLSX. */
function cellsOf(row: TermEligibilityRow): XlsxCell[] {
  const versions = row.policy.versions.map((v) => `${v.scope}#${v.version}`).join(' ');
  return [row.snapshotId, row.termId, row.sectionId, row.courseCode, row.college, row.department, row.studentId, row.eligible, row.status, row.binding?.component ?? null, row.binding?.absencePercent ?? null, row.binding?.limitPercent ?? null, versions];
}

export interface ListFormat {
  contentType: string;
  extension: string;
  start(): Buffer | string;
  rows(rows: TermEligibilityRow[]): Buffer | string;
  end(): Buffer | string;
}

/** JSON lines, CSV (Accept: text/csv) or an XLSX workbook (Accept: the XLSX type), each written piece by piece. */
export function listFormat(accept: string | undefined, sheetName: string, at: Date): ListFormat {
  if (accept?.includes(XLSX)) {
    const writer = new XlsxWriter(sheetName, at);
    return { contentType: XLSX, extension: 'xlsx', start: () => Buffer.concat([writer.start(), writer.rows([COLUMNS])]), rows: (rows) => writer.rows(rows.map(cellsOf)), end: () => writer.end() };
  }
  if (accept?.includes('text/csv')) {
    const line = (cells: XlsxCell[]) => cells.map((c) => csvCell(c === null ? '' : String(c))).join(',') + '\n';
    return { contentType: 'text/csv; charset=utf-8', extension: 'csv', start: () => COLUMNS.join(',') + '\n', rows: (rows) => rows.map((r) => line(cellsOf(r))).join(''), end: () => '' };
  }
  return { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl', start: () => '', rows: (rows) => rows.map((r) => JSON.stringify(r) + '\n').join(''), end: () => '' };
}

/** Writes to a response no faster than the client reads: each write waits for the socket to drain; a client gone stops the writer. */
export function streamTo(raw: ServerResponse) {
  return {
    async write(chunk: Buffer | string): Promise<void> {
      if (chunk.length === 0 || raw.write(chunk)) return;
      if (raw.destroyed) throw new Error('the client has gone');
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          raw.off('drain', done).off('close', gone);
          if (error) reject(error);
          else resolve();
        };
        const gone = () => done(new Error('the client has gone'));
        raw.on('drain', done).on('close', gone);
      });
    },
    end: () => raw.end(),
  };
}
