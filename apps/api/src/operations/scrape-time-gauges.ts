import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { WebhookDispatcher } from '../outbound/webhook-dispatcher';
import { AttendanceProjection } from '../projection/attendance.projection';
import { ConsumerHealth } from './consumer-health';
import { ServiceMetrics } from './metrics';
import { SideEffectsLease } from './side-effects-lease';

/**
 * The metrics of state, read when Prometheus scrapes (prom-client `collect`), from what the
 * consumers, the read store and the dispatcher already expose: nothing is counted twice, and a
 * consumer or webhook added at run time shows at the next scrape. Labels name consumers and
 * webhooks (institutions), never a student.
 */
@Injectable()
export class ScrapeTimeGauges {
  constructor(
    metrics: ServiceMetrics,
    health: ConsumerHealth,
    projection: AttendanceProjection,
    dispatcher: WebhookDispatcher,
    lease: SideEffectsLease,
  ) {
    const registers = [metrics.registry];

    new Gauge({
      name: 'attendance_consumer_events_behind',
      help: 'Events a consumer has still to read, up to the store head (counted up to 10000).',
      labelNames: ['consumer'] as const,
      registers,
      async collect() {
        const reports = await health.withEventsBehind(await health.head());
        this.reset();
        for (const report of reports) if (report.eventsBehind !== null) this.set({ consumer: report.name }, report.eventsBehind);
      },
    });
    new Gauge({
      name: 'attendance_consumer_lag_seconds',
      help: 'How long the oldest event a consumer has not handled yet has been waiting, in seconds of the service clock (0 when caught up).',
      labelNames: ['consumer'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of health.statuses()) this.set({ consumer: status.name }, status.lagMs / 1000);
      },
    });
    new Gauge({
      name: 'attendance_consumer_alive',
      help: 'Whether a consumer is alive (1): not failing, or it made progress within the bound of /health; 0 when it has been failing for longer.',
      labelNames: ['consumer'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of health.statuses()) this.set({ consumer: status.name }, status.alive ? 1 : 0);
      },
    });
    new Gauge({
      name: 'attendance_consumer_failures',
      help: 'Failed tries of a consumer in a row since its last step forward (0 when its last try succeeded).',
      labelNames: ['consumer'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of health.statuses()) this.set({ consumer: status.name }, status.failures);
      },
    });
    new Gauge({
      name: 'attendance_notices_issued',
      help: 'Notices issued so far (warnings, deprivations, lifted), as stored in the read store.',
      registers,
      collect() {
        this.set(projection.model.notices.count());
      },
    });
    new Counter({
      name: 'attendance_outbound_delivered_total',
      help: 'Notices an outbound webhook delivered (its receiver answered 2xx), since this instance started.',
      labelNames: ['webhook'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of dispatcher.statuses()) this.inc({ webhook: status.name }, status.delivered);
      },
    });
    new Gauge({
      name: 'attendance_outbound_failures',
      help: 'Failed tries in a row of the delivery an outbound webhook is making (0 once its receiver took it).',
      labelNames: ['webhook'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of dispatcher.statuses()) this.set({ webhook: status.name }, status.failures);
      },
    });
    new Gauge({
      name: 'attendance_lease_holder',
      help: 'Whether this instance holds the side-effects lease (1): it issues and delivers notices while it does.',
      registers,
      collect() {
        this.set(lease.isOpen() ? 1 : 0);
      },
    });
  }
}
