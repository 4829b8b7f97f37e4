import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's id may look like to be kept: a short token (a UUID, a trace id), nothing that could carry a sentence or a line break into a log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The request's id: the caller's `x-request-id` when it is a sane token, else a new UUID. Fastify's `genReqId`. */
export function requestIdOf(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}
