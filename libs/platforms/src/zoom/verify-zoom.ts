import { hmacHex, safeEqual, SignatureError } from '../shared/signatures';

export interface ZoomRequest {
  /** The body exactly as received: the signature covers its bytes. */
  rawBody: string | Buffer;
  /** `x-zm-signature`: "v0=" + hex HMAC-SHA256. */
  signature: string | undefined;
  /** `x-zm-request-timestamp`, in epoch seconds. */
  timestamp: string | undefined;
  secretToken: string;
  nowMs: number;
  /** Zoom sets no limit; refusing stale timestamps is ours, against replays of captured requests. */
  replayWindowSeconds?: number;
}

/** Throws SignatureError unless `x-zm-signature` signs "v0:{timestamp}:{rawBody}" and the timestamp is fresh. */
export function verifyZoom({ rawBody, signature, timestamp, secretToken, nowMs, replayWindowSeconds = 300 }: ZoomRequest): void {
  if (!secretToken) throw new SignatureError('no Zoom secret token configured');
  if (!signature) throw new SignatureError('no x-zm-signature header');
  if (!timestamp || !/^\d+$/.test(timestamp)) throw new SignatureError('no valid x-zm-request-timestamp header');
  const message = Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(rawBody)]);
  if (!safeEqual(`v0=${hmacHex('sha256', secretToken, message)}`, signature)) throw new SignatureError('bad x-zm-signature');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > replayWindowSeconds) {
    throw new SignatureError(`x-zm-request-timestamp is more than ${replayWindowSeconds} s from now`);
  }
}
