import { SignatureError } from '../shared/signatures';

/**
 * The password of an `Authorization: Basic` header (the LRS route takes any user name and an
 * integration token as the password). Throws SignatureError when the header is missing or not
 * Basic; checking the token itself is the caller's, against its token registry.
 */
export function basicAuthPassword(authorization: string | undefined): string {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new SignatureError('the Authorization header is not a Basic credential');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon === decoded.length - 1) throw new SignatureError('the Basic credential has no password');
  return decoded.slice(colon + 1);
}
