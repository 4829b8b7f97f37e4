import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { basicAuthPassword } from '@attendance/platforms/xapi';
import { SignatureError } from '@attendance/platforms/shared/signatures';
import { TokenRegistry } from '../auth/token-registry';
import { PlatformIngest } from '../platforms/platform-ingest';
import type { LrsRequest } from './lrs-request';

export const XAPI_VERSION = '1.0.3';

/** The LRS's authority for what a token stored: an Agent with an account naming the token's holder. */
export interface LrsAuthority {
  objectType: 'Agent';
  account: { homePage: string; name: string };
}

/**
 * Who may use the LRS: Basic auth with an integration (or admin) token as the password, any user
 * name; and the xAPI version every request but About's must name (1.0.x).
 */
@Injectable()
export class LrsAccess {
  constructor(
    private readonly tokens: TokenRegistry,
    private readonly ingest: PlatformIngest,
  ) {}

  /** Checks the version header and the credentials; answers the authority. Sets the LRS's version header on the reply. */
  async check(request: LrsRequest, reply: FastifyReply, options: { version?: boolean } = {}): Promise<LrsAuthority> {
    void reply.header('X-Experience-API-Version', XAPI_VERSION);
    if (options.version !== false) checkVersion(request.headers['x-experience-api-version']);
    let password: string;
    try {
      password = basicAuthPassword(request.headers.authorization);
    } catch (error) {
      if (error instanceof SignatureError) this.ingest.count('xapi', 'unauthorized');
      throw new UnauthorizedException(`xAPI: ${(error as Error).message}`);
    }
    const principal = await this.tokens.authenticate(password);
    if (!principal || (principal.role !== 'integration' && principal.role !== 'admin')) {
      this.ingest.count('xapi', 'unauthorized');
      throw new UnauthorizedException('xAPI: the password must be an integration token');
    }
    return { objectType: 'Agent', account: { homePage: 'urn:attendance-tracker:token', name: `${principal.role}:${principal.subject}` } };
  }
}

export function checkVersion(header: string | undefined): void {
  if (!header) throw new BadRequestException('X-Experience-API-Version: is required (1.0.3)');
  if (!/^1\.0(\.\d+)?$/.test(header.trim())) throw new BadRequestException(`X-Experience-API-Version: ${header} is not supported; this LRS speaks 1.0.3`);
}
