import { storeAppends } from './store-appends';
import { BenchRow, printTable } from './table';

/** `npm run bench` runs every benchmark; `npm run bench -- <name>` one; `--quick` a small variant for CI. */
const benchmarks: Record<string, (quick: boolean) => Promise<BenchRow[]>> = {
  'store-appends': storeAppends,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names) if (!benchmarks[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`);
  const rows: BenchRow[] = [];
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) rows.push(...(await benchmarks[name](quick)));
  printTable(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
