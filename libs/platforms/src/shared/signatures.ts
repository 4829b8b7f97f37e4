import { createHash, createHmac, createPublicKey, createVerify, JsonWebKey, timingSafeEqual } from 'node:crypto';

/** Compares two secrets or digests in constant time; different lengths are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export const hmacHex = (algorithm: 'sha256' | 'sha512', secret: string, data: string | Buffer): string =>
  createHmac(algorithm, secret).update(data).digest('hex');

export const digestHex = (algorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512', data: string | Buffer): string =>
  createHash(algorithm).update(data).digest('hex');

export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

const base64UrlJson = (part: string): any => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

export interface VerifiedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Verifies a compact JWS: HS256/HS384/HS512 with a shared secret, or RS256/ES256 with a public
 * key from a JSON Web Key Set chosen by `kid`. Checks `exp` and `nbf` against `nowSeconds`.
 */
export function verifyJwt(token: string, keys: { secret?: string; jwks?: { keys: JsonWebKey[] } }, nowSeconds: number, allowed: string[]): VerifiedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new SignatureError('not a compact JWS');
  const [encodedHeader, encodedPayload, signature] = parts;
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = base64UrlJson(encodedHeader);
    payload = base64UrlJson(encodedPayload);
  } catch {
    throw new SignatureError('the JWS header or payload is not JSON');
  }
  const alg = String(header.alg);
  if (!allowed.includes(alg)) throw new SignatureError(`algorithm ${alg} is not accepted`);
  const signingInput = `${encodedHeader}.${encodedPayload}`;
  if (alg.startsWith('HS')) {
    if (!keys.secret) throw new SignatureError('no shared secret configured');
    const expected = createHmac(`sha${alg.slice(2)}`, keys.secret).update(signingInput).digest('base64url');
    if (!safeEqual(expected, signature)) throw new SignatureError('bad signature');
  } else {
    const jwk = keys.jwks?.keys.find((k) => (k as { kid?: string }).kid === header.kid) ?? (keys.jwks?.keys.length === 1 ? keys.jwks.keys[0] : undefined);
    if (!jwk) throw new SignatureError(`no configured key has kid ${String(header.kid)}`);
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const verifier = createVerify(`sha${alg.slice(2)}`);
    verifier.update(signingInput);
    const ok = alg.startsWith('ES')
      ? verifier.verify({ key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))
      : verifier.verify(key, Buffer.from(signature, 'base64url'));
    if (!ok) throw new SignatureError('bad signature');
  }
  if (typeof payload.exp === 'number' && payload.exp < nowSeconds) throw new SignatureError('the token has expired');
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + 60) throw new SignatureError('the token is not valid yet');
  return { header, payload };
}
