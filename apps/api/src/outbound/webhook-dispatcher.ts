import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { NOTICE_RECORDED, OUTBOUND_WEBHOOK_SET, OUTBOUND_WEBHOOKS_STREAM, OutboundWebhookSet } from '@attendance/domain';
import { CatchUpConsumer, Clock, ConsumerStatus, EventStore, StoredEvent } from '@attendance/event-store';
import { createHmac, randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import type { Notification } from '../projection/notice-book';
import { SideEffectsLease } from '../operations/side-effects-lease';
import { SkippedEvents } from '../store/skipped-events';
import { DeliveryCheckpoints } from './delivery-checkpoints';
import { outboundUrlProblem } from './outbound-address';
import { postJson } from './post-json';

const MAX_BACKOFF_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export interface DeliveryStatus {
  name: string;
  url: string;
  active: boolean;
  deliveredUpTo: string;
  /** Notices the receiver took (2xx) since this instance started: the deliveries metric. */
  delivered: number;
  failures: number;
  lastError?: string;
}

/** One institution's webhook: its settings, how its deliveries go, and the consumer that feeds it. */
interface Hook {
  config: OutboundWebhookSet;
  status: DeliveryStatus;
  consumer: CatchUpConsumer;
  /** Cuts a wait short: a new configuration, or the service stopping. */
  wake?: () => void;
}

/** The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret. */
export const signDelivery = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Delivers every notice, in order, to each institution's webhook: at least once, retried with
 * exponential back-off while the receiver is down. Each webhook is a checkpointed consumer of the
 * store, moved after each delivery; the settings of every webhook are followed the same way.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly checkpoints: DeliveryCheckpoints;
  private readonly hooks = new Map<string, Hook>();
  private settings?: CatchUpConsumer;
  private stopped = false;
  private readonly retryBaseMs: number;
  private readonly allowPrivate: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly skipped: SkippedEvents,
    private readonly lease: SideEffectsLease,
  ) {
    this.checkpoints = new DeliveryCheckpoints(store);
    this.retryBaseMs = config.outboundRetryBaseMs;
    this.allowPrivate = config.outboundAllowPrivateNetworks;
  }

  async onApplicationBootstrap(): Promise<void> {
    // The settings so far, then every change to them as it is stored (by this instance or another).
    const head = await this.store.headPosition();
    for (const event of this.skipped.readAll(await this.store.readStream(OUTBOUND_WEBHOOKS_STREAM))) {
      if (event.type === OUTBOUND_WEBHOOK_SET && event.position <= head) await this.configure(event.data);
    }
    this.settings = new CatchUpConsumer('outbound-webhooks', this.store, { checkpoint: () => head, handle: (page) => this.followSettings(page) }, { clock: this.clock });
    await this.settings.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const hook of this.hooks.values()) hook.wake?.();
    await Promise.all([this.settings?.stop(), ...[...this.hooks.values()].map((h) => h.consumer.stop())]);
  }

  /** Why this URL may not be a webhook's, or undefined (outbound-address.ts). */
  urlProblem(url: string): string | undefined {
    return outboundUrlProblem(url, this.allowPrivate);
  }

  async set(config: OutboundWebhookSet): Promise<bigint> {
    const { position } = await this.store.appendToStream(OUTBOUND_WEBHOOKS_STREAM, [{ id: randomUUID(), type: OUTBOUND_WEBHOOK_SET, data: config }]);
    await this.settings?.waitFor(position);
    return position;
  }

  /** Resolves once webhook `name` has delivered (or passed over) everything up to `position`. */
  async deliveredUpTo(name: string, position: bigint): Promise<void> {
    await this.hooks.get(name)?.consumer.waitFor(position);
  }

  statuses(): DeliveryStatus[] {
    return [...this.hooks.values()].map((h) => {
      const stored = this.checkpoints.get(h.config.name);
      return { ...h.status, deliveredUpTo: String(h.consumer.handled > stored ? h.consumer.handled : stored) };
    });
  }

  consumerStatuses(): ConsumerStatus[] {
    return [...(this.settings ? [this.settings.status()] : []), ...[...this.hooks.values()].map((h) => h.consumer.status())];
  }

  private async followSettings(page: StoredEvent[]): Promise<void> {
    for (const stored of page) {
      if (stored.type !== OUTBOUND_WEBHOOK_SET) continue;
      const event = this.skipped.read(stored);
      if (event?.type === OUTBOUND_WEBHOOK_SET) await this.configure(event.data);
    }
  }

  private async configure(config: OutboundWebhookSet): Promise<void> {
    const existing = this.hooks.get(config.name);
    if (existing) {
      existing.config = config;
      existing.status = { ...existing.status, url: config.url, active: config.active };
      existing.wake?.();
      return;
    }
    const name = config.name;
    const consumer = new CatchUpConsumer(
      `outbound:${name}`,
      this.store,
      { checkpoint: () => this.checkpoints.read(name), handle: (page) => this.deliverPage(name, page) },
      // Only the instance holding the lease delivers; another takes over from the stored checkpoint.
      { clock: this.clock, pageSize: 200, gate: this.lease },
    );
    this.hooks.set(name, { config, status: { name, url: config.url, active: config.active, deliveredUpTo: '0', delivered: 0, failures: 0 }, consumer });
    if (!this.stopped) await consumer.start();
  }

  /** Delivers the page's notices one by one, moving the checkpoint after each; waits while the webhook is switched off. */
  private async deliverPage(name: string, page: StoredEvent[]): Promise<void> {
    const hook = this.hooks.get(name)!;
    for (const stored of page) {
      if (stored.position <= this.checkpoints.get(name)) continue;
      while (!hook.config.active && !this.stopped) await this.waitForWake(hook, 60_000);
      const event = stored.type === NOTICE_RECORDED ? this.skipped.read(stored) : undefined;
      if (event?.type === NOTICE_RECORDED) {
        const notice: Notification = { id: event.id, ...event.data, position: String(event.position) };
        await this.deliverWithRetries(hook, event.id, notice);
        await this.checkpoints.set(name, stored.position);
      }
    }
  }

  private waitForWake(hook: Hook, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        hook.wake = undefined;
        resolve();
      }
      hook.wake = done;
    });
  }

  /** Retries until the receiver takes it; throws only when the service is stopping, so nothing is skipped. */
  private async deliverWithRetries(hook: Hook, eventId: string, notice: Notification): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) throw new Error('stopping');
      // Handed over (this instance stalled past its lease): the new holder delivers from the stored checkpoint.
      if (!this.lease.isOpen()) throw new Error('the side-effects lease is held by another instance');
      try {
        await this.deliver(hook.config, eventId, notice);
        hook.status.delivered++;
        hook.status.failures = 0;
        hook.status.lastError = undefined;
        return;
      } catch (error) {
        hook.status.failures++;
        hook.status.lastError = (error as Error).message;
        const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** Math.min(attempt, 20));
        await this.waitForWake(hook, backoff);
      }
    }
  }

  private async deliver(config: OutboundWebhookSet, eventId: string, notice: Notification): Promise<void> {
    const body = JSON.stringify({ id: eventId, type: 'attendance.notice', notice });
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    const headers = { 'content-type': 'application/json', 'x-attendance-event-id': eventId, 'x-attendance-signature': signDelivery(config.secret, timestamp, body) };
    const status = await postJson(config.url, headers, body, { allowPrivate: this.allowPrivate, timeoutMs: TIMEOUT_MS });
    if (status < 200 || status >= 300) throw new Error(`receiver answered ${status}`);
  }
}
