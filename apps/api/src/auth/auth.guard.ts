import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';
import type { Principal, Role } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { CSRF_HEADER, Sessions } from './sign-in/sessions';
import { TokenRegistry } from './token-registry';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates the Bearer token (integrations, scripts, the token sign-in) or, without one, the
 * dashboard session cookie, whose changes must carry its CSRF token; limits the rate, and checks
 * the route's roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private window = { startedAt: 0, counts: new Map<string, number>() };

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenRegistry,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ method: string; headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = await this.authenticate(request);
    this.limitRate(principal.tokenId);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException(`the ${principal.role} role may not use this route`);
    return true;
  }

  private async authenticate(request: { method: string; headers: Record<string, string | undefined> }): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (match) {
      const principal = await this.tokens.authenticate(match[1]);
      if (!principal) throw new UnauthorizedException('the token is not valid');
      return principal;
    }
    const session = request.headers.authorization === undefined ? this.sessions.read(request.headers.cookie) : undefined;
    if (!session) throw new UnauthorizedException('a Bearer token is required in the Authorization header, or a signed-in session');
    // A change made with the cookie must prove it comes from the dashboard, not from another site's form.
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrf) throw new ForbiddenException(`${CSRF_HEADER}: a change made with the session cookie must carry the session's CSRF token`);
    return this.sessions.principal(session);
  }

  private limitRate(tokenId: string): void {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0) return;
    const now = Date.now();
    if (now - this.window.startedAt >= 60_000) this.window = { startedAt: now, counts: new Map() };
    const count = (this.window.counts.get(tokenId) ?? 0) + 1;
    this.window.counts.set(tokenId, count);
    if (count > limit) throw new HttpException(`rate limit of ${limit} requests a minute exceeded; retry later`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
