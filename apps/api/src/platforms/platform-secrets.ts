import { BadRequestException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { SignatureError } from '@attendance/platforms/shared/signatures';
import type { PlatformName } from '@attendance/platforms/platform-fact';
import { readFileSync } from 'node:fs';
import type { PlatformIngest } from './platform-ingest';

/** Each platform's secret from the environment; a platform without one is switched off (404). */
export interface PlatformSecrets {
  bigbluebutton?: string;
  zoom?: string;
  moodle?: string;
  canvasJwks?: { keys: any[] };
  caliper?: string;
}

export function loadPlatformSecrets(env: NodeJS.ProcessEnv): PlatformSecrets {
  const jwksFile = env.CANVAS_JWKS_FILE || undefined;
  let canvasJwks: PlatformSecrets['canvasJwks'];
  if (jwksFile) {
    try {
      canvasJwks = JSON.parse(readFileSync(jwksFile, 'utf8'));
    } catch (error) {
      throw new Error(`Invalid configuration: CANVAS_JWKS_FILE cannot be read as a JSON Web Key Set (${(error as Error).message})`);
    }
    if (!Array.isArray(canvasJwks?.keys)) throw new Error('Invalid configuration: CANVAS_JWKS_FILE must hold a JSON Web Key Set ({ "keys": [...] })');
  }
  return {
    bigbluebutton: env.BBB_SHARED_SECRET || undefined,
    zoom: env.ZOOM_WEBHOOK_SECRET_TOKEN || undefined,
    moodle: env.MOODLE_WEBHOOK_TOKEN || undefined,
    canvasJwks,
    caliper: env.CALIPER_BEARER_TOKEN || undefined,
  };
}

export function requireSecret<T>(secret: T | undefined, platform: PlatformName): T {
  if (secret === undefined) throw new NotFoundException(`the ${platform} route is switched off: its secret is not configured`);
  return secret;
}

/**
 * Runs a platform's check; a bad or missing signature is 401, a payload the check cannot read
 * is 400; both are counted, and store nothing.
 */
export function verified<T>(ingest: PlatformIngest, platform: PlatformName, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SignatureError) {
      ingest.count(platform, 'unauthorized');
      throw new UnauthorizedException(`${platform}: ${error.message}`);
    }
    ingest.count(platform, 'invalid');
    throw new BadRequestException(`${platform}: ${(error as Error).message}`, { cause: error });
  }
}
