import type { FastifyRequest } from 'fastify';

/** A request with the exact bytes of its body, as signatures are computed over them. */
export type RawRequest = FastifyRequest & { rawBody?: Buffer };

export function rawBodyOf(request: RawRequest): string {
  return request.rawBody?.toString('utf8') ?? (typeof request.body === 'string' ? request.body : '');
}

export function headersOf(request: RawRequest): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
}
