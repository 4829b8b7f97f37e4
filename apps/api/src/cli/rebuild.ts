import { loadConfig } from '../config/app-config';
import { rebuildReadModel } from './rebuild-read-model';

/** `npm run rebuild`: rebuilds the read model from position zero (stop the service first). */
async function main(): Promise<void> {
  const started = Date.now();
  const { events, position } = await rebuildReadModel(loadConfig());
  console.log(`read model rebuilt from ${events} events up to position ${position} in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
