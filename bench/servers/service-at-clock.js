/**
 * The built service (dist, as production runs it), on a clock that starts at BENCH_CLOCK and runs
 * from there: a benchmark's term of facts is then all in the past, whatever day it runs on.
 * Plain JavaScript, so no compiler is loaded into the process it measures.
 */
require('reflect-metadata');
const { createApp } = require('../../dist/apps/api/src/bootstrap');
const { loadConfig } = require('../../dist/apps/api/src/config/app-config');

async function main() {
  const offset = Date.parse(process.env.BENCH_CLOCK) - Date.now();
  const config = loadConfig();
  const app = await createApp(config, { clock: () => new Date(Date.now() + offset) });
  await app.listen(config.port, '127.0.0.1');
  console.log('listening on service');
}
void main();

// BENCH_MEMORY_LOG=1 prints the heap and resident memory every two seconds, to see what grows.
if (process.env.BENCH_MEMORY_LOG) {
  setInterval(() => {
    const m = process.memoryUsage();
    const mib = (n) => Math.round(n / 1048576);
    console.error(`memory rss ${mib(m.rss)} heapUsed ${mib(m.heapUsed)} heapTotal ${mib(m.heapTotal)} external ${mib(m.external)} arrayBuffers ${mib(m.arrayBuffers)}`);
  }, 2000).unref();
}
