import { safeEqual, SignatureError } from '../shared/signatures';

/** Caliper §6.1: the sensor sends `Authorization: Bearer <token>`; we compare it with CALIPER_BEARER_TOKEN. */
export function verifyCaliperBearer(authorization: string | undefined, expectedToken: string): void {
  if (!expectedToken) throw new SignatureError('no Caliper bearer token is configured');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new SignatureError('the Authorization header is not a Bearer credential');
  if (!safeEqual(match[1], expectedToken)) throw new SignatureError('bad Caliper bearer token');
}
