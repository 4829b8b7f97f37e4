import { digestHex, safeEqual, SignatureError } from '../shared/signatures';

type ChecksumAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** bbb-webhooks lets the server choose the algorithm, so the receiver infers it from the length. */
const ALGORITHM_BY_HEX_LENGTH: Record<number, ChecksumAlgorithm> = { 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

export interface BbbWebhookRequest {
  /** The body exactly as received: re-encoding the form can change its bytes. */
  rawBody: string | Buffer;
  /** The callback URL exactly as registered with bbb-webhooks, without the appended `checksum`. */
  callbackUrl: string;
  /** The `checksum` query parameter (checksum mode). */
  checksum?: string;
  /** The `Authorization` header (bearer mode, `bbb.auth2_0: true`). */
  authorization?: string;
  sharedSecret: string;
}

/** Throws SignatureError unless the request carries a valid checksum or the shared secret as bearer. */
export function verifyBbbWebhook(request: BbbWebhookRequest): void {
  if (!request.sharedSecret) throw new SignatureError('no BigBlueButton shared secret configured');
  if (request.checksum !== undefined) return verifyChecksum(request);
  if (request.authorization !== undefined) return verifyBearer(request.authorization, request.sharedSecret);
  throw new SignatureError('neither a checksum nor an Authorization header');
}

function verifyChecksum({ rawBody, callbackUrl, checksum = '', sharedSecret }: BbbWebhookRequest): void {
  const received = checksum.toLowerCase();
  const algorithm = ALGORITHM_BY_HEX_LENGTH[received.length];
  if (!algorithm) throw new SignatureError(`a checksum of ${received.length} characters matches no known algorithm`);
  const signed = Buffer.concat([Buffer.from(callbackUrl), Buffer.from(rawBody), Buffer.from(sharedSecret)]);
  if (!safeEqual(digestHex(algorithm, signed), received)) throw new SignatureError('bad checksum');
}

/** In bearer mode BBB sends the shared secret itself, not a token derived from it. */
function verifyBearer(authorization: string, sharedSecret: string): void {
  const match = /^Bearer (.+)$/.exec(authorization.trim());
  if (!match) throw new SignatureError('the Authorization header is not a Bearer credential');
  if (!safeEqual(match[1], sharedSecret)) throw new SignatureError('bad bearer secret');
}
