import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { buildOpenApi } from '../docs/api-docs';

/** The document as the service serves it, as text: what docs/openapi.json must hold. */
export async function openApiText(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'openapi-writer-token-0123' }), { logger: false });
  try {
    await app.init();
    return JSON.stringify(buildOpenApi(app), null, 2) + '\n';
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run openapi`: writes docs/openapi.json from the code. */
if (require.main === module) {
  openApiText()
    .then((text) => {
      const file = resolve(__dirname, '../../../../docs/openapi.json');
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
