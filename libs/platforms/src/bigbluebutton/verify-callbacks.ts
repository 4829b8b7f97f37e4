import { SignatureError, verifyJwt } from '../shared/signatures';

/**
 * The analytics callback carries `Authorization: Bearer <JWT HS512 {exp}>` signed with the shared
 * secret. Its only claim is `exp`, so a token without one would be valid forever: refused.
 */
export function verifyBbbAnalyticsCallback(authorizationHeader: string | undefined, sharedSecret: string, nowMs: number): void {
  if (!sharedSecret) throw new SignatureError('no BigBlueButton shared secret configured');
  const match = /^Bearer (\S+)$/.exec((authorizationHeader ?? '').trim());
  if (!match) throw new SignatureError('the analytics callback has no Bearer token');
  const { payload } = verifyJwt(match[1], { secret: sharedSecret }, Math.floor(nowMs / 1000), ['HS512']);
  if (typeof payload.exp !== 'number') throw new SignatureError('the analytics token has no exp claim');
}

/**
 * The recording-ready callback is a form with `signed_parameters` = JWT HS256 {meeting_id, record_id}.
 * It carries no attendance; verifying it keeps forged posts out of the logs. Answers the claims.
 */
export function verifyBbbRecordingReadyCallback(rawBody: string | Buffer, sharedSecret: string, nowMs: number): Record<string, unknown> {
  if (!sharedSecret) throw new SignatureError('no BigBlueButton shared secret configured');
  const signedParameters = new URLSearchParams(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')).get('signed_parameters');
  if (!signedParameters) throw new SignatureError('the recording-ready callback has no signed_parameters');
  return verifyJwt(signedParameters, { secret: sharedSecret }, Math.floor(nowMs / 1000), ['HS256']).payload;
}
