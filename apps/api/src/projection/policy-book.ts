import type { PolicySet, PolicyVersion } from '@attendance/domain';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/**
 * The institution's policy versions (PUT /api/v1/policies/{scope}), in the read store and, since
 * they are few, all in memory: every evaluation resolves its section's policy from them.
 */
export class PolicyBook {
  private readonly q: Record<string, Statement>;
  private versions: PolicyVersion[];

  constructor(store: ReadStore) {
    store.db.exec('CREATE TABLE IF NOT EXISTS policy_versions (version INTEGER PRIMARY KEY, version_data TEXT NOT NULL)');
    this.q = {
      add: store.db.prepare('INSERT INTO policy_versions (version, version_data) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      all: store.db.prepare('SELECT version_data FROM policy_versions ORDER BY version'),
    };
    this.versions = (this.q.all.all() as Array<{ version_data: string }>).map((row) => JSON.parse(row.version_data));
  }

  /** A version as the projection applies it: numbered by its revision in the policies stream, from 1. */
  apply(data: PolicySet, revision: bigint, recordedAt: number): void {
    const version: PolicyVersion = { ...data, version: Number(revision) + 1, recordedAt };
    if (this.q.add.run(version.version, JSON.stringify(version)).changes === 0) return;
    this.versions = [...this.versions, version];
  }

  all(): PolicyVersion[] {
    return this.versions;
  }
}
