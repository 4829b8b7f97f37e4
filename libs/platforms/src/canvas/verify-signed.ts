import type { JsonWebKey } from 'node:crypto';
import { SignatureError, verifyJwt } from '../shared/signatures';

/** Third parties report RS256 (README §4, §10); ES256 is accepted in case Instructure's keys change kind. */
const ALGORITHMS = ['RS256', 'ES256'];
const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

/**
 * With "Sign Payload" on, a Live Events body is a compact JWS whose claims are the event (Canvas
 * or Caliper format), signed by a key of Instructure's JWKS chosen by `kid`. Answers the event
 * without the JWT's own claims, which are not part of it; throws SignatureError otherwise.
 */
export function verifyCanvasSigned(rawBody: string, jwks: { keys: JsonWebKey[] }, nowMs: number): Record<string, unknown> {
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new SignatureError('no Canvas JSON Web Key Set is configured');
  const { payload } = verifyJwt(rawBody.trim(), { jwks }, Math.floor(nowMs / 1000), ALGORITHMS);
  const event: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(payload)) if (!REGISTERED_CLAIMS.includes(claim)) event[claim] = value;
  return event;
}
