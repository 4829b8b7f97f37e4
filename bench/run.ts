import { execFileSync } from 'node:child_process';
import { httpIngest } from './http-ingest';
import { projectionRebuild } from './projection-rebuild';
import { storeAppends } from './store-appends';
import { liveLag } from './live-lag';
import { memoryUnderLoad } from './memory-under-load';
import { TermFigures, universityTerm } from './university-term';
import { BenchRow, printTable } from './table';

/** The one-term figures, kept when `university-term` ran first so `restart` compares with them. */
let oneTerm: TermFigures | undefined;
const scaleOf = (quick: boolean) => {
  const scaleArg = process.argv.find((a) => a.startsWith('--scale='));
  return scaleArg ? Number(scaleArg.slice(8)) : quick ? 0.002 : 1;
};
const termLine = (f: TermFigures) =>
  `university term${f.terms > 1 ? ` ×${f.terms}` : ''} at scale ${f.scale}: ${f.students.toLocaleString('en')} students, ${f.enrollments.toLocaleString('en')} enrollments, ${f.facts.toLocaleString('en')} facts ` +
  `posted over HTTP and projected in ${f.ingestSeconds.toFixed(1)} s (${Math.round(f.facts / f.ingestSeconds).toLocaleString('en')} facts/s; the last batch acknowledged at ${f.postSeconds.toFixed(1)} s; target at scale 1 ≤ 300 s), looked at by the notice issuer too at ${f.settledSeconds.toFixed(1)} s, ` +
  `peak memory ${f.peakRssMiB} MiB (target ≤ 1024 MiB), ${f.diskMiB} MiB on disk; a 200-student section's eligibility on its first read p50 ${f.coldEligibility.p50.toFixed(1)} ms, ` +
  `p99 ${f.coldEligibility.p99.toFixed(1)} ms (target ≤ 20 ms), read again p50 ${f.eligibility.p50.toFixed(1)} ms, p99 ${f.eligibility.p99.toFixed(1)} ms\n` +
  `what-if of a 20% limit for the term at scale ${f.scale}: ${f.whatIf.enrollments.toLocaleString('en')} enrollments evaluated in ${f.whatIf.seconds.toFixed(1)} s (target at scale 1 < 30 s), ${f.whatIf.changes.toLocaleString('en')} would change status\n` +
  `the term's eligibility as XLSX at scale ${f.scale}: ${f.termExport.mebibytes.toFixed(1)} MiB streamed in ${f.termExport.seconds.toFixed(1)} s, the service's memory rose ${f.termExport.rssRiseMiB.toFixed(0)} MiB meanwhile, the sections it read filling the read cache (READ_CACHE_SECTIONS, READ_CACHE_FACTS bound it); the rows are written as the client takes them`;

/** `npm run bench` runs every benchmark; `npm run bench -- <name>` one; `--quick` a small variant for CI. */
const benchmarks: Record<string, (quick: boolean) => Promise<BenchRow[] | string>> = {
  'store-appends': storeAppends,
  'http-ingest': httpIngest,
  'projection-rebuild': projectionRebuild,
  'live-lag': async (quick) => {
    const f = await liveLag(quick);
    return `live lag at ${Math.round(f.rate)} facts/s for ${f.seconds} s (${f.count} batches): from sending POST /events to the change on another connection's live feed p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (target p99 < 50 ms)`;
  },
  'university-term': async (quick) => termLine((oneTerm = await universityTerm(scaleOf(quick)))),
  restart: async (quick) => {
    const one = oneTerm ?? (await universityTerm(scaleOf(quick)));
    const two = await universityTerm(scaleOf(quick), { terms: 2, restart: true });
    return (
      `${termLine(two)}\nrestart with two terms stored: ready to answer in ${two.restartSeconds!.toFixed(1)} s (target ≤ 5 s); ` +
      `peak memory ${two.peakRssMiB} MiB against ${one.peakRssMiB} MiB for one term: ${((two.peakRssMiB / one.peakRssMiB - 1) * 100).toFixed(0)}% more (target within 10%)`
    );
  },
  'memory-under-load': async (quick) => {
    const f = await memoryUnderLoad(quick);
    return `memory under load: ${f.appended.toLocaleString('en')} events appended while a slow subscriber took ${f.consumedWhileAppending.toLocaleString('en')}; resident memory ${f.rssStartMiB} MiB at start, ${f.rssPeakMiB} MiB at peak, ${f.rssEndMiB} MiB at the end`;
  },
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names) if (!benchmarks[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`);
  // The benchmarks that start the service start the built one, as production runs it.
  execFileSync('npx', ['nest', 'build', 'api'], { stdio: 'inherit' });
  const rows: BenchRow[] = [];
  const lines: string[] = [];
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
    const result = await benchmarks[name](quick);
    if (typeof result === 'string') lines.push(result);
    else rows.push(...result);
  }
  if (rows.length > 0) printTable(rows);
  for (const line of lines) console.log(`\n${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
