import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  Logger.log(`listening on ${config.publicBaseUrl} with the ${config.eventStoreConnectionString ? 'EventStoreDB' : `SQLite store in ${config.dataDir}`}`, 'Main');
}

main().catch((error: unknown) => {
  // A bad setting stops the service at start with a message that names it.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
