import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { isPlainObject } from './formats';

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

/**
 * Checks a signed statement's signature (xAPI 1.0.3 §2.6): a JWS in compact form with RS256,
 * RS384 or RS512 whose payload is the statement itself, verified with the certificate in its
 * `x5c` header when one is given. Answers what is wrong, or undefined.
 */
export function signatureProblem(statement: Record<string, unknown>, jws: string): string | undefined {
  const pieces = jws.trim().split('.');
  if (pieces.length !== 3) return 'the signature is not a JWS in compact serialization';
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(pieces[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(pieces[1], 'base64url').toString('utf8'));
  } catch {
    return 'the signature\'s header or payload is not JSON';
  }
  const algorithm = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm) return `the signature's algorithm must be RS256, RS384 or RS512 (is ${String(header.alg)})`;
  if (!isPlainObject(payload)) return 'the signature\'s payload is not a statement';
  const withId = payload.id !== undefined;
  if (canonicalJson(comparable(payload, withId)) !== canonicalJson(comparable(statement, withId))) return 'the signature\'s payload is not this statement';
  if (Array.isArray(header.x5c) && typeof header.x5c[0] === 'string') {
    try {
      const key = createPublicKey(new X509Certificate(Buffer.from(header.x5c[0], 'base64')).publicKey.export({ format: 'pem', type: 'spki' }));
      const verified = createVerify(algorithm).update(`${pieces[0]}.${pieces[1]}`).verify(key, Buffer.from(pieces[2], 'base64url'));
      if (!verified) return 'the signature does not verify with the certificate it names';
    } catch {
      return 'the certificate in the signature\'s x5c header cannot be read';
    }
  }
  return undefined;
}

/** A statement as two copies of it are compared: without what the LRS sets or the signature adds. */
function comparable(statement: Record<string, unknown>, withId: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...statement };
  for (const key of ['id', 'stored', 'authority', 'version', 'attachments']) delete copy[key];
  if (withId && typeof statement.id === 'string') copy.id = statement.id.toLowerCase();
  return copy;
}
