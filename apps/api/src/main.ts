import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { systemClock } from '@attendance/event-store';
import { readFileSync } from 'node:fs';
import { createApp } from './bootstrap';
import { loadDemo } from './demo/load-demo';
import { ConfigError, generatedAdminTokenFile, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  if (process.argv.includes('--demo')) {
    const adminToken = config.adminToken ?? readFileSync(generatedAdminTokenFile(config), 'utf8').trim();
    await loadDemo(`http://127.0.0.1:${config.port}`, adminToken, systemClock().getTime());
  }
  Logger.log(`listening on ${config.publicBaseUrl} with the ${config.eventStoreConnectionString ? 'EventStoreDB' : `SQLite store ${config.sqliteFile}`}`, 'Main');
}

main().catch((error: unknown) => {
  // A bad setting stops the service at start with a message that names it.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
