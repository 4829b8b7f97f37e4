import { hmacHex } from '../shared/signatures';
import { readJsonObject } from '../shared/json-body';

export interface ZoomUrlValidationAnswer {
  plainToken: string;
  encryptedToken: string;
}

/** The answer to `endpoint.url_validation` (sent at setup and every 72 h); the request itself is signed too. */
export function answerUrlValidation(body: unknown, secretToken: string): ZoomUrlValidationAnswer {
  const payload = readJsonObject(body, 'Zoom url_validation').payload as { plainToken?: unknown } | undefined;
  const plainToken = payload?.plainToken;
  if (typeof plainToken !== 'string' || plainToken === '') throw new Error('the Zoom url_validation body has no payload.plainToken');
  return { plainToken, encryptedToken: hmacHex('sha256', secretToken, plainToken) };
}

export const isUrlValidation = (body: unknown): boolean => readJsonObject(body, 'Zoom').event === 'endpoint.url_validation';
