import { Controller, Get, HttpCode, NotFoundException, Post, Query, Req, Res, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../roles.decorator';
import { OidcSignIn, PendingSignIn, SignInRefused } from './oidc-sign-in';
import { CSRF_HEADER, Sessions } from './sessions';

const PENDING_COOKIE = 'attendance_sign_in';

/**
 * Signing in to the dashboards with the university's identity provider: /auth/login sends the
 * person there, /auth/callback takes them back with a session cookie, /auth/session tells the
 * dashboard who is signed in (and the CSRF token its changes carry), /auth/logout ends it.
 */
@ApiExcludeController()
@Controller('auth')
export class SignInController {
  constructor(
    private readonly oidc: OidcSignIn,
    private readonly sessions: Sessions,
  ) {}

  /** Whether the dashboards offer the provider's sign-in. */
  @Get('config')
  @Public()
  config() {
    return { oidc: this.oidc.enabled };
  }

  @Get('login')
  @Public()
  async login(@Res() reply: FastifyReply) {
    if (!this.oidc.enabled) throw new NotFoundException('no identity provider is configured (OIDC_ISSUER): sign in with a token');
    try {
      const { url, pending } = await this.oidc.begin();
      return reply.header('set-cookie', this.sessions.signed(PENDING_COOKIE, pending, 600)).header('cache-control', 'no-store').redirect(url, 302);
    } catch (error) {
      return this.refused(reply, error, 502);
    }
  }

  @Get('callback')
  @Public()
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    if (!this.oidc.enabled) throw new NotFoundException('no identity provider is configured');
    try {
      const who = await this.oidc.complete(query, this.sessions.readSigned<PendingSignIn>(request.headers.cookie, PENDING_COOKIE));
      return reply.header('set-cookie', [this.sessions.end(PENDING_COOKIE), this.sessions.start(who)]).header('cache-control', 'no-store').redirect('/', 302);
    } catch (error) {
      return this.refused(reply.header('set-cookie', this.sessions.end(PENDING_COOKIE)), error, 403);
    }
  }

  @Get('session')
  @Public()
  session(@Req() request: FastifyRequest) {
    const session = this.sessions.read(request.headers.cookie);
    // Not signed in is an answer, not an error: the dashboards ask it on every load.
    if (!session) return { signedIn: false };
    return { signedIn: true, role: session.role, subject: session.subject, name: session.name, csrfToken: session.csrf, expiresAt: new Date(session.exp).toISOString() };
  }

  /** Ends the session here and answers where to end it at the provider too. */
  @Post('logout')
  @Public()
  @HttpCode(200)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = this.sessions.read(request.headers.cookie);
    if (!session) throw new UnauthorizedException('not signed in');
    if (request.headers[CSRF_HEADER] !== session.csrf) throw new ForbiddenException(`${CSRF_HEADER}: the session's CSRF token is required to sign out`);
    void reply.header('set-cookie', this.sessions.end());
    const atProvider = await this.oidc.endSessionUrl(session.idToken).catch(() => undefined);
    return { redirectTo: atProvider ?? '/' };
  }

  /** A page that says why signing in did not work, in both languages; nothing else. */
  private refused(reply: FastifyReply, error: unknown, status: number) {
    const why = error instanceof SignInRefused ? error.message : 'the sign-in failed';
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>You are not signed in</h1><p>${escape(why)}</p>
<p dir="rtl" lang="ar">لم يتم تسجيل الدخول: لا يملك هذا الحساب دورًا في خدمة الحضور، أو تعذّر التحقق من تسجيل الدخول. راجع مسؤول النظام.</p>
<p><a href="/">Back to the sign-in page</a></p></body></html>`;
    return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  }
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
