import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where each outbound webhook has delivered up to: moved only after the receiver said 2xx. */
export class DeliveryCheckpoints {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS delivered (name TEXT PRIMARY KEY, position TEXT NOT NULL)');
  }

  get(name: string): bigint {
    const row = this.db.prepare('SELECT position FROM delivered WHERE name = ?').get(name) as { position: string } | undefined;
    return row ? BigInt(row.position) : 0n;
  }

  set(name: string, position: bigint): void {
    this.db.prepare('INSERT INTO delivered (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position').run(name, String(position));
  }

  close(): void {
    this.db.close();
  }
}
