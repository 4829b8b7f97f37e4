import type { FastifyInstance } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { ServiceMetrics } from './metrics';
import { REQUEST_ID_HEADER } from './request-id';

/** The route label of a request no route matched (a 404): never its URL. */
const UNMATCHED = 'unmatched';

/**
 * Every HTTP request: its id echoed in `x-request-id`, one JSON log line when it ends (method,
 * route pattern, status, duration, request id) and one observation of the latency histogram.
 * Only the route's pattern is kept — `/api/v1/sections/:sectionId/students/:studentId` — never
 * the URL, its query string, a header or the body: nothing personal reaches the log or the metrics.
 * The response's own `close` marks the end, so streamed answers (the live feeds) count too.
 */
export function observeRequests(fastify: FastifyInstance, log: Pino, metrics: ServiceMetrics): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const started = process.hrtime.bigint();
    // On the raw response, so a streamed answer that writes its own head carries it too.
    reply.raw.setHeader(REQUEST_ID_HEADER, request.id);
    reply.raw.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = request.routeOptions.url ?? UNMATCHED;
      const status = reply.raw.statusCode;
      metrics.observeRequest(request.method, route, status, seconds);
      const line: Record<string, unknown> = { context: 'HTTP', requestId: request.id, method: request.method, route, status, durationMs: Math.round(seconds * 1e6) / 1e3 };
      // The client went away before the answer was complete (a live feed closed, a timeout).
      if (!reply.raw.writableFinished) line.aborted = true;
      log.info(line, 'request');
    });
    done();
  });
}
