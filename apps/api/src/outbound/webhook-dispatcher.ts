import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { NOTICE_RECORDED, OUTBOUND_WEBHOOK_SET, OUTBOUND_WEBHOOKS_STREAM, OutboundWebhookSet } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';
import { DeliveryCheckpoints } from './delivery-checkpoints';
import { outboundUrlProblem } from './outbound-address';
import { postJson } from './post-json';
import type { Notification } from '../notices/notice-book';
import { SkippedEvents } from '../store/skipped-events';

const PAGE = 200;
const MAX_BACKOFF_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export interface DeliveryStatus {
  name: string;
  url: string;
  active: boolean;
  deliveredUpTo: string;
  failures: number;
  lastError?: string;
}

interface Hook {
  config: OutboundWebhookSet;
  status: DeliveryStatus;
  /** Cuts a wait short: a new notice, a new configuration, or the service stopping. */
  wake?: () => void;
  loop?: Promise<void>;
}

/** The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret. */
export const signDelivery = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Delivers every notice, in order, to each institution's webhook: at least once, retried with
 * exponential back-off while the receiver is down, from a checkpoint that survives restarts.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly checkpoints: DeliveryCheckpoints;
  private readonly hooks = new Map<string, Hook>();
  private waiters: Array<{ name: string; position: bigint; resolve: () => void }> = [];
  private stopped = false;
  private readonly retryBaseMs: number;
  private readonly allowPrivate: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly projection: AttendanceProjection,
    private readonly skipped: SkippedEvents,
  ) {
    this.checkpoints = new DeliveryCheckpoints(join(config.dataDir, 'outbound.sqlite'));
    this.retryBaseMs = config.outboundRetryBaseMs;
    this.allowPrivate = config.outboundAllowPrivateNetworks;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const event of this.skipped.readAll(await this.store.readStream(OUTBOUND_WEBHOOKS_STREAM))) if (event.type === OUTBOUND_WEBHOOK_SET) this.configure(event.data);
    this.projection.notifications.subscribe(() => this.wakeAll());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wakeAll();
    await Promise.all([...this.hooks.values()].map((h) => h.loop));
    this.checkpoints.close();
  }

  /** Why this URL may not be a webhook's, or undefined (outbound-address.ts). */
  urlProblem(url: string): string | undefined {
    return outboundUrlProblem(url, this.allowPrivate);
  }

  async set(config: OutboundWebhookSet): Promise<bigint> {
    const { position } = await this.store.appendToStream(OUTBOUND_WEBHOOKS_STREAM, [{ id: `${config.name}:${this.clock().getTime()}:${Math.random()}`, type: OUTBOUND_WEBHOOK_SET, data: config }]);
    this.configure(config);
    return position;
  }

  /** Resolves once webhook `name` has delivered (or passed over) everything up to `position`. */
  deliveredUpTo(name: string, position: bigint): Promise<void> {
    if (this.checkpoints.get(name) >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, position, resolve }));
  }

  statuses(): DeliveryStatus[] {
    return [...this.hooks.values()].map((h) => ({ ...h.status, deliveredUpTo: String(this.checkpoints.get(h.config.name)) }));
  }

  private configure(config: OutboundWebhookSet): void {
    const existing = this.hooks.get(config.name);
    const status: DeliveryStatus = { name: config.name, url: config.url, active: config.active, deliveredUpTo: '0', failures: 0 };
    if (existing) {
      existing.config = config;
      existing.status = { ...existing.status, url: config.url, active: config.active };
      existing.wake?.();
      return;
    }
    const hook: Hook = { config, status };
    this.hooks.set(config.name, hook);
    hook.loop = this.run(config.name);
  }

  private wakeAll(): void {
    for (const hook of this.hooks.values()) hook.wake?.();
  }

  private waitForWake(name: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const hook = this.hooks.get(name)!;
      function done() {
        clearTimeout(timer);
        hook.wake = undefined;
        resolve();
      }
      hook.wake = done;
    });
  }

  private async run(name: string): Promise<void> {
    try {
      await this.deliverFrom(name);
    } catch (error) {
      if (!this.stopped) this.logger.error(`webhook ${name} stopped: ${(error as Error).stack}`);
    }
  }

  private async deliverFrom(name: string): Promise<void> {
    const hook = this.hooks.get(name)!;
    let checkpoint = this.checkpoints.get(name);
    while (!this.stopped) {
      if (!hook.config.active) {
        await this.waitForWake(name, 60_000);
        continue;
      }
      const page = await this.store.readAll({ after: checkpoint, maxCount: PAGE });
      if (page.length === 0) {
        await this.waitForWake(name, 1000);
        continue;
      }
      for (const stored of page) {
        const event = stored.type === NOTICE_RECORDED ? this.skipped.read(stored) : undefined;
        if (event?.type === NOTICE_RECORDED) {
          const notice: Notification = { id: event.id, ...event.data, position: String(event.position) };
          const delivered = await this.deliverWithRetries(hook, event.id, notice);
          if (!delivered) return;
        }
        checkpoint = stored.position;
      }
      this.checkpoints.set(name, checkpoint);
      this.waiters = this.waiters.filter((w) => (w.name === name && w.position <= checkpoint ? (w.resolve(), false) : true));
    }
  }

  /** Retries until the receiver takes it; answers false only when the service is stopping. */
  private async deliverWithRetries(hook: Hook, eventId: string, notice: Notification): Promise<boolean> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.deliver(hook.config, eventId, notice);
        hook.status.failures = 0;
        hook.status.lastError = undefined;
        return true;
      } catch (error) {
        hook.status.failures++;
        hook.status.lastError = (error as Error).message;
        const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** attempt);
        await this.waitForWake(hook.config.name, backoff);
      }
    }
    return false;
  }

  private async deliver(config: OutboundWebhookSet, eventId: string, notice: Notification): Promise<void> {
    const body = JSON.stringify({ id: eventId, type: 'attendance.notice', notice });
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    const headers = { 'content-type': 'application/json', 'x-attendance-event-id': eventId, 'x-attendance-signature': signDelivery(config.secret, timestamp, body) };
    const status = await postJson(config.url, headers, body, { allowPrivate: this.allowPrivate, timeoutMs: TIMEOUT_MS });
    if (status < 200 || status >= 300) throw new Error(`receiver answered ${status}`);
  }
}
