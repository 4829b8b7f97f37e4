import { createHmac, timingSafeEqual } from 'node:crypto';

/** A value only this service can have made: base64url(JSON) "." base64url(HMAC-SHA256), with an expiry inside. */
export function sign(value: object, secret: string, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ ...value, exp: expiresAt })).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** The value, if it was signed with `secret` and has not expired at `now`; undefined otherwise. */
export function verify<T extends object>(cookie: string | undefined, secret: string, now: number): T | undefined {
  if (!cookie) return undefined;
  const [body, signature, extra] = cookie.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp?: unknown };
    return typeof value.exp === 'number' && value.exp > now ? value : undefined;
  } catch {
    return undefined;
  }
}

const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');

/** The cookies of a Cookie header, by name. */
export function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}
