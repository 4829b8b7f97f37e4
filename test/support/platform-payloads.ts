import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The example payloads and signature vectors of ../shared/platforms, beside the repository. */
const ROOT = join(__dirname, '../../../shared/platforms/payloads');

export const payloadText = (platform: string, file: string): string => readFileSync(join(ROOT, platform, file), 'utf8');
export const payload = (platform: string, file: string): any => JSON.parse(payloadText(platform, file));

function manifestEntry(platform: string, file: string): any {
  const manifest = JSON.parse(readFileSync(join(ROOT, platform, '_manifest.json'), 'utf8'));
  return manifest.files.find((f: { file: string }) => f.file === file);
}

/** What the platform expects back, where the manifest says. */
export const expectedAnswer = (platform: string, file: string): unknown => manifestEntry(platform, file).expected_response;

export function vector(platform: string, file: string): Record<string, string> {
  const entry = manifestEntry(platform, file);
  if (!entry?.signature_vector) throw new Error(`no signature vector for ${platform}/${file}`);
  return entry.signature_vector;
}
