import { Inject, Injectable } from '@nestjs/common';
import { BaseClient, custom, generators, Issuer } from 'openid-client';
import type { AppConfig, OidcConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/tokens';
import type { Session } from './sessions';

/** What the sign-in keeps between sending the person to the provider and their coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export class SignInRefused extends Error {}

custom.setHttpOptionsDefaults({ timeout: 10_000 });

/**
 * OpenID Connect sign-in (authorization code with PKCE) against OIDC_ISSUER, with openid-client:
 * the provider is discovered when the first person signs in (nothing is fetched at start), and the
 * ID token is verified — issuer, audience, expiry, nonce, and its signature with the provider's keys.
 * Who the person is here comes from its claims, as configured; nobody chooses their own role.
 */
@Injectable()
export class OidcSignIn {
  private client?: Promise<BaseClient>;
  readonly callbackUrl: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.callbackUrl = `${config.publicBaseUrl}/auth/callback`;
  }

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  /** Where to send the person, and what to keep until they come back. */
  async begin(): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.discovered();
    const pending = { state: generators.state(), nonce: generators.nonce(), verifier: generators.codeVerifier() };
    const url = client.authorizationUrl({ scope: this.oidc.scopes, state: pending.state, nonce: pending.nonce, code_challenge: generators.codeChallenge(pending.verifier), code_challenge_method: 'S256' });
    return { url, pending };
  }

  /** Exchanges the code and verifies the ID token; answers who signed in, or throws SignInRefused saying why. */
  async complete(query: Record<string, string>, pending: PendingSignIn | undefined): Promise<Omit<Session, 'exp' | 'csrf'>> {
    if (!pending) throw new SignInRefused('the sign-in took too long or was started elsewhere: start again');
    if (query.error) throw new SignInRefused(`the provider refused: ${query.error_description ?? query.error}`);
    const client = await this.discovered();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const tokens = await client.callback(this.callbackUrl, client.callbackParams(`${this.callbackUrl}?${new URLSearchParams(query)}`), { state: pending.state, nonce: pending.nonce, code_verifier: pending.verifier });
      claims = tokens.claims();
      idToken = tokens.id_token;
    } catch (error) {
      throw new SignInRefused(`the sign-in could not be verified: ${(error as Error).message}`);
    }
    return this.whoIs(claims, idToken);
  }

  /** The provider's sign-out address, where it has one. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    const client = await this.discovered();
    if (!client.issuer.metadata.end_session_endpoint) return undefined;
    return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: `${this.config.publicBaseUrl}/` });
  }

  private whoIs(claims: Record<string, unknown>, idToken: string | undefined): Omit<Session, 'exp' | 'csrf'> {
    const held = claims[this.oidc.roleClaim];
    const values = Array.isArray(held) ? held.map(String) : typeof held === 'string' ? held.split(/[\s,]+/) : [];
    const match = this.oidc.roles.find((r) => values.includes(r.value));
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    if (!match) throw new SignInRefused(`${name ?? 'this account'} has no role in the attendance service: its "${this.oidc.roleClaim}" claim holds none of ${this.oidc.roles.map((r) => r.value).join(', ')}`);
    const subject = claims[this.oidc.subjectClaim];
    if (typeof subject !== 'string' || subject === '') throw new SignInRefused(`the ID token has no "${this.oidc.subjectClaim}" claim to know this person by`);
    return { role: match.role, subject, name, issuer: String(claims.iss), sub: String(claims.sub), idToken };
  }

  private get oidc(): OidcConfig {
    return this.config.oidc!;
  }

  private discovered(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.oidc.issuer)
      .then((issuer) => new issuer.Client({ client_id: this.oidc.clientId, client_secret: this.oidc.clientSecret, redirect_uris: [this.callbackUrl], response_types: ['code'] }))
      .catch((error: Error) => {
        // Not cached: the next sign-in tries the provider again.
        this.client = undefined;
        throw new SignInRefused(`the identity provider at ${this.oidc.issuer} cannot be reached: ${error.message}`);
      });
    return this.client;
  }
}
