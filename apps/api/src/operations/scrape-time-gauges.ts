import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
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
    labelledGauge(registers, 'attendance_consumer_lag_seconds', 'How long the oldest event a consumer has not handled yet has been waiting, in seconds of the service clock (0 when caught up).', 'consumer', () => health.statuses().map((c) => [c.name, c.lagMs / 1000]));
    labelledGauge(registers, 'attendance_consumer_alive', 'Whether a consumer is alive (1): not failing, or it made progress within the bound of /health; 0 when it has been failing for longer.', 'consumer', () => health.statuses().map((c) => [c.name, c.alive ? 1 : 0]));
    labelledGauge(registers, 'attendance_consumer_failures', 'Failed tries of a consumer in a row since its last step forward (0 when its last try succeeded).', 'consumer', () => health.statuses().map((c) => [c.name, c.failures]));
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
    labelledGauge(registers, 'attendance_outbound_failures', 'Failed tries in a row of the delivery an outbound webhook is making (0 once its receiver took it).', 'webhook', () => dispatcher.statuses().map((w) => [w.name, w.failures]));
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

/** A gauge with one value per consumer or webhook, read afresh at every scrape (one that went away is dropped). */
function labelledGauge(registers: Registry[], name: string, help: string, label: string, read: () => Array<[string, number]>): void {
  new Gauge({
    name,
    help,
    labelNames: [label],
    registers,
    collect() {
      this.reset();
      for (const [key, value] of read()) this.set({ [label]: key }, value);
    },
  });
}
