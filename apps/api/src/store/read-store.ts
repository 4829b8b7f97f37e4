import { checkpointOnATimer } from '@attendance/event-store/sqlite/wal-checkpoints';
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const readStoreFileIn = (dataDir: string) => join(dataDir, 'readstore.sqlite');

/** The layout of the file; a file of another layout is derived data of an older build, removed and rebuilt. */
const LAYOUT_VERSION = 7;

/**
 * The read side on disk (DATA_DIR/readstore.sqlite): what the rules need about each section,
 * each enrollment's status, the platforms' links, the notices told, and the checkpoint of the
 * projection that keeps it, written together in one transaction. It is derived: deleting it
 * only means a rebuild from the first event (`npm run rebuild`).
 */
export class ReadStore {
  db: Database.Database;
  private readonly stopCheckpoints: () => void;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    if (this.db.pragma('user_version', { simple: true }) !== LAYOUT_VERSION) {
      this.db.close();
      ReadStore.remove(file);
      this.db = new Database(file);
      this.db.pragma(`user_version = ${LAYOUT_VERSION}`);
    }
    this.db.pragma('journal_mode = WAL');
    // Derived data: a lost tail is read again from the event store, so no fsync per commit.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.stopCheckpoints = checkpointOnATimer(this.db);
    this.db.exec(SCHEMA);
  }

  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  checkpoint(consumer: string): bigint {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE consumer = ?').get(consumer) as { position: string } | undefined;
    return row ? BigInt(row.position) : 0n;
  }

  setCheckpoint(consumer: string, position: bigint): void {
    this.db.prepare('INSERT INTO checkpoints (consumer, position) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET position = excluded.position').run(consumer, String(position));
  }

  /**
   * Records which event store this read store follows, or refuses to go on when it was built from
   * another one: its checkpoints would silently skip that store's events.
   */
  belongsTo(storeId: string): void {
    const kept = this.db.prepare("SELECT value FROM meta WHERE key = 'store_id'").get() as { value: string } | undefined;
    if (kept && kept.value !== storeId) {
      throw new Error(`${this.file} was built from another event store (${kept.value}), not this one (${storeId}): give this store a DATA_DIR of its own, or run \`npm run rebuild\` to build the read store again from it`);
    }
    if (!kept) this.db.prepare("INSERT INTO meta (key, value) VALUES ('store_id', ?)").run(storeId);
  }

  close(): void {
    this.stopCheckpoints();
    this.db.close();
  }

  static remove(file: string): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoints (consumer TEXT PRIMARY KEY, position TEXT NOT NULL);
  -- store_id: the identity of the event store the checkpoints are positions of.
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- The facts of each section, as the rules read them: one row a fact, in the order projected (seq).
  -- Clustered by section (WITHOUT ROWID): one B-tree to write a fact into, and a section's facts side by side to load.
  CREATE TABLE IF NOT EXISTS facts (
    section_id TEXT NOT NULL, seq INTEGER NOT NULL, student_id TEXT NOT NULL, item_id TEXT, type TEXT NOT NULL, fact_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL, status TEXT, progress REAL, ranges TEXT,
    PRIMARY KEY (section_id, seq)) WITHOUT ROWID;

  -- Each section's definition (for scope and lists), its items (ids platforms use) and enrollments.
  CREATE TABLE IF NOT EXISTS sections (section_id TEXT PRIMARY KEY, definition TEXT NOT NULL, finalized INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS items (section_id TEXT NOT NULL, item_id TEXT NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0, marked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (section_id, item_id));
  CREATE INDEX IF NOT EXISTS items_by_id ON items (item_id);
  CREATE TABLE IF NOT EXISTS enrollments (section_id TEXT NOT NULL, student_id TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (section_id, student_id));
  CREATE INDEX IF NOT EXISTS enrollments_of_student ON enrollments (student_id);

  -- Status as data: each enrollment's row as the rules last gave it, until when it holds, and whether a change is waiting.
  -- notice_dirty: the position of a change the notice issuer has not looked at yet; 0 once it has.
  CREATE TABLE IF NOT EXISTS statuses (
    section_id TEXT NOT NULL, student_id TEXT NOT NULL, row TEXT, reasons TEXT, valid_until INTEGER,
    dirty INTEGER NOT NULL DEFAULT 1, notice_dirty INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (section_id, student_id));
  CREATE INDEX IF NOT EXISTS statuses_dirty ON statuses (section_id) WHERE dirty = 1;
  CREATE INDEX IF NOT EXISTS statuses_notice_dirty ON statuses (section_id, student_id) WHERE notice_dirty > 0;

  -- The notice issuer's watch of each enrollment's standing (I6a), and when to look at it again.
  CREATE TABLE IF NOT EXISTS standing_watches (
    section_id TEXT NOT NULL, student_id TEXT NOT NULL, rank INTEGER NOT NULL, since TEXT NOT NULL, next_at INTEGER,
    PRIMARY KEY (section_id, student_id));
  CREATE INDEX IF NOT EXISTS standing_watches_next ON standing_watches (next_at);

  -- The platforms: which item or course each of their ids is, who each of their users is, what waits for a link.
  CREATE TABLE IF NOT EXISTS links (link TEXT PRIMARY KEY, section_id TEXT NOT NULL, item_id TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS links_of_item (section_id TEXT NOT NULL, item_id TEXT NOT NULL, links TEXT NOT NULL, PRIMARY KEY (section_id, item_id));
  CREATE TABLE IF NOT EXISTS identities (identity TEXT PRIMARY KEY, student_id TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS identities_of_student (student_id TEXT PRIMARY KEY, identities TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS waiting (fact_id TEXT PRIMARY KEY, fact TEXT NOT NULL, recorded_at INTEGER NOT NULL, reason TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS reports (report TEXT PRIMARY KEY, recorded_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS open_joins (meeting TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (meeting, user_id));

  -- The notices told: each enrollment's state, and each student's list.
  CREATE TABLE IF NOT EXISTS notice_states (section_id TEXT NOT NULL, student_id TEXT NOT NULL, state TEXT NOT NULL, revision TEXT NOT NULL, PRIMARY KEY (section_id, student_id));
  CREATE TABLE IF NOT EXISTS notifications (student_id TEXT NOT NULL, position INTEGER NOT NULL, notification TEXT NOT NULL, PRIMARY KEY (student_id, position));

  -- Stored events no reader can use, with the reason.
  -- Who read each student's record (PDPL), from the audit events: newest first by position.
  CREATE TABLE IF NOT EXISTS record_reads (student_id TEXT NOT NULL, position INTEGER NOT NULL, read TEXT NOT NULL, PRIMARY KEY (student_id, position));

  -- Excuse requests and their steps, for the councils' queues and the students' pages.
  CREATE TABLE IF NOT EXISTS excuse_requests (request_id TEXT PRIMARY KEY, position INTEGER NOT NULL, student_id TEXT NOT NULL, request TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS excuse_requests_of_student ON excuse_requests (student_id);

  CREATE TABLE IF NOT EXISTS skipped_events (event_id TEXT PRIMARY KEY, skipped TEXT NOT NULL);
`;
