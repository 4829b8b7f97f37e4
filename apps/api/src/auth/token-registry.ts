import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TOKEN_ISSUED, TokenIssued, TOKENS_STREAM } from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatedAdminTokenFile, type AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../config/tokens';
import { SkippedEvents } from '../store/skipped-events';
import type { Principal, Role } from './principal';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens are random, shown once, and kept only as their SHA-256 hash in the event store. */
@Injectable()
export class TokenRegistry implements OnModuleInit {
  private readonly logger = new Logger('Tokens');
  private readonly byHash = new Map<string, { role: Role; subject: string }>();
  private adminTokenHash!: Buffer;
  /** The store's head when the tokens were last read: an unknown token is looked for again only after something was stored. */
  private readUpTo = -1n;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.adminTokenHash = Buffer.from(hashToken(this.config.adminToken ?? this.generatedAdminToken()), 'hex');
    await this.reload();
  }

  async issue(role: Role, subject: string, issuedAt: Date): Promise<{ token: string; position: bigint }> {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const data: TokenIssued = { tokenHash, role, subject, issuedAt: issuedAt.toISOString() };
    const { position } = await this.store.appendToStream(TOKENS_STREAM, [{ id: `token:${tokenHash}`, type: TOKEN_ISSUED, data }]);
    this.byHash.set(tokenHash, { role, subject });
    return { token, position };
  }

  async authenticate(token: string): Promise<Principal | undefined> {
    const tokenHash = hashToken(token);
    const tokenId = tokenHash.slice(0, 12);
    if (timingSafeEqual(Buffer.from(tokenHash, 'hex'), this.adminTokenHash)) return { role: 'admin', subject: 'admin', tokenId };
    let known = this.byHash.get(tokenHash);
    // Perhaps a token another instance has just issued: look again if anything was stored since the last look.
    if (!known && (await this.store.headPosition()) > this.readUpTo) {
      await this.reload();
      known = this.byHash.get(tokenHash);
    }
    return known && { ...known, tokenId };
  }

  private async reload(): Promise<void> {
    this.readUpTo = await this.store.headPosition();
    for (const event of this.skipped.readAll(await this.store.readStream(TOKENS_STREAM))) {
      if (event.type === TOKEN_ISSUED) this.byHash.set(event.data.tokenHash, { role: event.data.role, subject: event.data.subject });
    }
  }

  /** Without ADMIN_TOKEN, one is made on first start and kept beside the store (shared by the instances that share its file). */
  private generatedAdminToken(): string {
    const file = generatedAdminTokenFile(this.config);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    }
    this.logger.log(`ADMIN_TOKEN is not set: the admin token is in ${file}`);
    return readFileSync(file, 'utf8').trim();
  }
}
