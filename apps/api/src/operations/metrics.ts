import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type FactOutcome = 'accepted' | 'duplicate' | 'rejected';
/** What PlatformIngest counts per platform (its `stats()`), as metrics count it. */
export type PlatformCount = 'accepted' | 'duplicates' | 'ignored' | 'unauthorized' | 'invalid';

const PLATFORM_FACT_OUTCOMES: Partial<Record<PlatformCount, FactOutcome>> = { accepted: 'accepted', duplicates: 'duplicate', ignored: 'rejected' };

/** Process metrics (CPU, memory, event loop, GC) belong to the process, not to one app: collected once, however many apps a test starts. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The service's Prometheus metrics, served at GET /metrics. Counters are counted where things
 * happen (a request, a fact); state — consumers, notices, webhooks, the lease — is read at
 * scrape time (scrape-time-gauges.ts). No label ever holds a raw URL, a student, a token or any
 * other id from a request: routes are their patterns, sources and platforms a fixed set.
 */
@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();

  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, and how long each took to answer (its _count is the request rate).',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly facts = new Counter({
    name: 'attendance_facts_total',
    help: 'Facts received, by source (api for POST /api/v1/events, else the platform) and outcome: accepted (stored), duplicate (an id already stored) or rejected (invalid, or a platform event that cannot count).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly refusedPlatformRequests = new Counter({
    name: 'attendance_platform_requests_refused_total',
    help: 'Platform deliveries refused whole, by platform and reason: unauthorized (bad signature or token) or invalid (unreadable payload).',
    labelNames: ['platform', 'reason'] as const,
    registers: [this.registry],
  });

  /** One answered request; `route` is the route's pattern (or "unmatched"), never the URL. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  countFacts(source: string, outcome: FactOutcome, count = 1): void {
    if (count > 0) this.facts.inc({ source, outcome }, count);
  }

  /** A request's results, counted by outcome (three increments, however many facts it carried). */
  countFactResults(source: string, results: ReadonlyArray<{ status: FactOutcome }>): void {
    let accepted = 0;
    let duplicate = 0;
    for (const { status } of results) {
      if (status === 'accepted') accepted++;
      else if (status === 'duplicate') duplicate++;
    }
    this.countFacts(source, 'accepted', accepted);
    this.countFacts(source, 'duplicate', duplicate);
    this.countFacts(source, 'rejected', results.length - accepted - duplicate);
  }

  /** PlatformIngest's own counts: facts by outcome, refused deliveries by reason. */
  countPlatform(platform: string, what: PlatformCount, count = 1): void {
    const outcome = PLATFORM_FACT_OUTCOMES[what];
    if (outcome) this.countFacts(platform, outcome, count);
    else if (count > 0) this.refusedPlatformRequests.inc({ platform, reason: what }, count);
  }

  /** The text exposition of this app's metrics and the process's. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}
