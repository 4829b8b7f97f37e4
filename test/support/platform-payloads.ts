import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureVectors } from '../fixtures/platforms/signing';

/** The project's own platform fixtures (test/fixtures/platforms) and their signature vectors. */
export const PLATFORM_FIXTURES = join(__dirname, '../fixtures/platforms');

const vectors = JSON.parse(readFileSync(join(PLATFORM_FIXTURES, 'vectors.json'), 'utf8')) as Record<string, FixtureVectors>;

export const payloadText = (platform: string, file: string): string => readFileSync(join(PLATFORM_FIXTURES, platform, file), 'utf8');
export const payload = (platform: string, file: string): any => JSON.parse(payloadText(platform, file));

/** What the platform expects back, where there is a documented answer. */
export const expectedAnswer = (platform: string, file: string): Record<string, string> | undefined => vectors[`${platform}/${file}`]?.expected_response;

export function vector(platform: string, file: string): Record<string, string> {
  const found = vectors[`${platform}/${file}`]?.signature_vector;
  if (!found) throw new Error(`no signature vector for ${platform}/${file}`);
  return found;
}
