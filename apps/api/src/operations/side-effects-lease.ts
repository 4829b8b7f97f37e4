import type { DomainEvent } from '@attendance/domain';
import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../config/tokens';
import { Lease } from './lease';

/**
 * The lease under which this instance issues notices and delivers them (lease.ts). Taken when the
 * module starts, so a lone instance holds it before its first request; released on a clean stop.
 */
@Injectable()
export class SideEffectsLease extends Lease implements OnModuleInit, BeforeApplicationShutdown {
  constructor(@Inject(EVENT_STORE) store: EventStore<DomainEvent>, @Inject(APP_CONFIG) config: AppConfig) {
    super(store, { name: 'side-effects', holder: instanceId(config.dataDir), ttlMs: config.leaseTtlMs });
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

/** This instance's name, kept in its data folder: the same after a restart, another for every other instance. */
function instanceId(dataDir: string): string {
  const file = join(dataDir, 'instance-id');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomUUID() + '\n');
  }
  return readFileSync(file, 'utf8').trim();
}
