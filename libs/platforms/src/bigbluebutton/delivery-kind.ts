export type BbbDeliveryKind = 'analytics-callback' | 'recording-ready' | 'webhook';

/**
 * Webhooks, the analytics callback and (if pointed here) the recording-ready callback share one
 * route, and each is authenticated differently, so the route must tell them apart before verifying.
 */
export function bbbDeliveryKind(headers: Record<string, string | undefined>, rawBody: string | Buffer): BbbDeliveryKind {
  if ((headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return 'analytics-callback';
  const form = new URLSearchParams(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  return form.has('signed_parameters') ? 'recording-ready' : 'webhook';
}
