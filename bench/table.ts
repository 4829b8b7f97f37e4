export interface BenchRow {
  bench: string;
  case: string;
  perSecond: number;
  /** The rate of the baseline measured in the same run; the ratio is what to compare. */
  baseline: number;
  target: string;
}

export function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => [r.bench, r.case, Math.round(r.perSecond).toLocaleString('en'), `${(r.perSecond / r.baseline).toFixed(2)}×`, r.target]);
  const header = ['benchmark', 'case', 'events/s', 'vs baseline', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(format(l));
}
