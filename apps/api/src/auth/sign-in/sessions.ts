import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '@attendance/event-store';
import { AppConfig, generatedSessionSecretFile } from '../../config/app-config';
import { APP_CONFIG, CLOCK } from '../../config/tokens';
import type { Principal, Role } from '../principal';
import { cookiesOf, sign, verify } from './signed-cookie';

export const SESSION_COOKIE = 'attendance_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A dashboard session: who signed in, through which provider, and the token that guards its changes. */
export interface Session {
  role: Exclude<Role, 'integration'>;
  subject: string;
  name?: string;
  /** The provider and the person's id there. */
  issuer: string;
  sub: string;
  /** Sent back by the dashboard in X-CSRF-Token with every change. */
  csrf: string;
  /** For signing out of the provider too. */
  idToken?: string;
  exp: number;
}

/**
 * Dashboard sessions in a signed cookie (HttpOnly, SameSite=Lax, Secure on https and localhost):
 * nothing kept on the server, so every instance that shares the key (SESSION_SECRET, or one kept
 * beside the store) knows every session.
 */
@Injectable()
export class Sessions {
  private readonly logger = new Logger('Sessions');
  private key?: string;
  readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const url = new URL(config.publicBaseUrl);
    this.secure = url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  }

  /** The session a request carries, if its cookie is one of ours and still valid. */
  read(cookieHeader: string | undefined): Session | undefined {
    if (!cookiesOf(cookieHeader)[SESSION_COOKIE]) return undefined;
    return verify<Session>(cookiesOf(cookieHeader)[SESSION_COOKIE], this.secret, this.clock().getTime());
  }

  /** The Set-Cookie header value that starts a session. */
  start(session: Omit<Session, 'exp' | 'csrf'>): string {
    const expiresAt = this.clock().getTime() + this.config.sessionTtlMinutes * 60_000;
    const value = sign({ ...session, csrf: randomBytes(24).toString('base64url') }, this.secret, expiresAt);
    return this.cookie(SESSION_COOKIE, value, this.config.sessionTtlMinutes * 60);
  }

  /** A Set-Cookie header value that ends a cookie. */
  end(name = SESSION_COOKIE): string {
    return this.cookie(name, '', 0);
  }

  /** A short-lived signed cookie (the sign-in's state, nonce and PKCE verifier). */
  signed(name: string, value: object, seconds: number): string {
    return this.cookie(name, sign(value, this.secret, this.clock().getTime() + seconds * 1000), seconds);
  }

  readSigned<T extends object>(cookieHeader: string | undefined, name: string): T | undefined {
    return verify<T>(cookiesOf(cookieHeader)[name], this.secret, this.clock().getTime());
  }

  principal(session: Session): Principal {
    return { role: session.role, subject: session.subject, tokenId: `session:${session.sub.slice(0, 12)}`, signedIn: { issuer: session.issuer, sub: session.sub, name: session.name } };
  }

  /** Made or read only when a session is first used: a service without sign-in writes no key. */
  private get secret(): string {
    this.key ??= this.config.sessionSecret ?? this.generatedSecret();
    return this.key;
  }

  private cookie(name: string, value: string, maxAgeSeconds: number): string {
    return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${this.secure ? '; Secure' : ''}`;
  }

  private generatedSecret(): string {
    const file = generatedSessionSecretFile(this.config);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600 });
      this.logger.log(`SESSION_SECRET is not set: sessions are signed with a key kept in ${file}`);
    }
    return readFileSync(file, 'utf8').trim();
  }
}
