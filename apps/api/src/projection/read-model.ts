import { FactRecorded, isSectionEvent, readEvent, SectionEvent, TypedEvent } from '@attendance/domain';
import type { EventStore, StoredEvent } from '@attendance/event-store';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';
import { ExcuseRequestBook } from './excuse-request-book';
import { NoticeBook, Notification } from './notice-book';
import { PolicyBook } from './policy-book';
import { PlatformResolver } from './platform-resolver';
import { RecordReads } from './record-reads';
import { SectionCache } from './section-cache';
import { SectionFacts } from './section-facts';
import { StatusBook } from './status-book';
import { XapiStatementIndex } from './xapi-statement-index';

/** What an applied event changed, for the live feeds and the notice checks. */
export interface Change {
  sectionId: string;
  studentId?: string;
  type: string;
  position: string;
  notification?: Notification;
  /** A fact that changes what every student's evaluation reads: the first classroom mark of a session ("attendance taken"). */
  sectionWide?: boolean;
  /** For facts: the item and when it happened, so a live view can show who is in class now. */
  itemId?: string;
  occurredAt?: string;
}

export const PROJECTION = 'attendance';

/** Changes that can move every student of the section: its plan, its policy, its finalization, a report. */
const SECTION_WIDE = new Set(['SectionDefined', 'ItemScheduled', 'ItemCancelled', 'EligibilityFinalized', 'EligibilityReopened', 'PlatformReportImported', 'PolicySet']);
export const isSectionWide = (change: Change) => SECTION_WIDE.has(change.type) || change.studentId === undefined || change.sectionWide === true;
/** Configuration that can give a waiting platform fact its section, item or student. */
const PLACES_WAITING = new Set(['SectionDefined', 'ItemScheduled', 'StudentEnrolled', 'StudentIdentitiesSet']);

/**
 * The read side: it applies a page of events to the read store — facts, configuration, links,
 * notices, what made statuses stale — and moves its checkpoint, in one transaction. Sections in
 * memory (the cache) are kept current as it goes; the others are read back when needed.
 */
export class ReadModel {
  readonly facts: SectionFacts;
  readonly platforms: PlatformResolver;
  readonly notices: NoticeBook;
  readonly statuses: StatusBook;
  readonly recordReads: RecordReads;
  readonly sections: SectionCache;
  readonly xapiStatements: XapiStatementIndex;
  readonly policies: PolicyBook;
  readonly excuseRequests: ExcuseRequestBook;
  /** The position of the last event applied; moves with the transaction that applied it. */
  position: bigint;
  private readonly q: Record<string, Statement>;

  constructor(
    private readonly store: ReadStore,
    events: EventStore,
    cacheBound: { sections: number; facts: number },
    private readonly onSkipped: (event: StoredEvent, problem: string) => void,
  ) {
    this.facts = new SectionFacts(store);
    this.platforms = new PlatformResolver(store);
    this.notices = new NoticeBook(store);
    this.statuses = new StatusBook(store);
    this.recordReads = new RecordReads(store);
    this.xapiStatements = new XapiStatementIndex(store);
    this.policies = new PolicyBook(store);
    this.excuseRequests = new ExcuseRequestBook(store);
    this.sections = new SectionCache(cacheBound, events, this.facts, () => this.position, onSkipped);
    this.position = store.checkpoint(PROJECTION);
    const db = store.db;
    this.q = {
      define: db.prepare('INSERT INTO sections (section_id, definition) VALUES (?, ?) ON CONFLICT (section_id) DO UPDATE SET definition = excluded.definition'),
      finalized: db.prepare('UPDATE sections SET finalized = ? WHERE section_id = ?'),
      definition: db.prepare('SELECT definition, finalized FROM sections WHERE section_id = ?'),
      sectionIds: db.prepare('SELECT section_id FROM sections ORDER BY section_id'),
      schedule: db.prepare('INSERT INTO items (section_id, item_id, cancelled) VALUES (?, ?, 0) ON CONFLICT (section_id, item_id) DO UPDATE SET cancelled = 0'),
      cancel: db.prepare('UPDATE items SET cancelled = 1 WHERE section_id = ? AND item_id = ?'),
      firstMark: db.prepare('UPDATE items SET marked = 1 WHERE section_id = ? AND item_id = ? AND marked = 0'),
      enroll: db.prepare('INSERT INTO enrollments (section_id, student_id, active) VALUES (?, ?, ?) ON CONFLICT (section_id, student_id) DO UPDATE SET active = excluded.active'),
      sectionsOf: db.prepare('SELECT section_id FROM enrollments WHERE student_id = ? AND active = 1 ORDER BY section_id'),
      studentsOf: db.prepare('SELECT student_id FROM enrollments WHERE section_id = ? AND active = 1 ORDER BY student_id'),
      skip: db.prepare('INSERT INTO skipped_events (event_id, skipped) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    };
  }

  /** Applies a page of events and moves the checkpoint to its last one, together; answers what changed. */
  apply(page: StoredEvent[]): Change[] {
    const changes: Change[] = [];
    this.store.transaction(() => {
      for (const stored of page) changes.push(...this.applyOne(stored));
      this.position = page[page.length - 1].position;
      this.markStale(changes);
      this.store.setCheckpoint(PROJECTION, this.position);
    });
    this.sections.trim();
    return changes;
  }

  // ----- what the rest of the service reads -----

  definition(sectionId: string): { instructors: string[]; termId: string; courseCode: string; title?: string; level: string; timezone: string; college?: string; department?: string; policy?: Record<string, unknown>; finalized: boolean } | undefined {
    const row = this.q.definition.get(sectionId) as { definition: string; finalized: number } | undefined;
    return row && Object.assign(JSON.parse(row.definition), { finalized: row.finalized === 1 });
  }

  sectionIds(): string[] {
    return (this.q.sectionIds.all() as Array<{ section_id: string }>).map((r) => r.section_id);
  }

  /** The sections of a term, a level, a college or a department (each one asked for must match), in id order. */
  sectionIdsWhere(filter: { termId?: string; level?: string; college?: string; department?: string }): string[] {
    return this.sectionIds().filter((sectionId) => {
      const d = this.definition(sectionId)!;
      return (Object.entries(filter) as Array<[keyof typeof filter, string | undefined]>).every(([key, value]) => value === undefined || d[key] === value);
    });
  }

  sectionIdsOf(studentId: string): string[] {
    return (this.q.sectionsOf.all(studentId) as Array<{ section_id: string }>).map((r) => r.section_id);
  }

  activeStudentIds(sectionId: string): string[] {
    return (this.q.studentsOf.all(sectionId) as Array<{ student_id: string }>).map((r) => r.student_id);
  }

  // ----- applying events -----

  private applyOne(stored: StoredEvent): Change[] {
    if (!USED.has(stored.type)) return [];
    const read = readEvent(stored);
    if (!read) return [];
    if ('problem' in read) {
      this.q.skip.run(stored.id, JSON.stringify({ id: stored.id, type: stored.type, streamId: stored.streamId, position: String(stored.position), recordedAt: stored.recordedAt.toISOString(), problem: read.problem }));
      this.onSkipped(stored, read.problem);
      return [];
    }
    const event = read.event;
    const position = String(event.position);
    const recordedAt = event.recordedAt.getTime();
    switch (event.type) {
      case 'FactRecorded':
        return [this.applyFact(event.data, recordedAt, position)];
      case 'PlatformFactReceived': {
        const placed = this.platforms.receive(event.data.fact, recordedAt);
        return placed ? [this.applyFact(placed, recordedAt, position)] : [];
      }
      case 'StudentIdentitiesSet':
        this.platforms.setIdentities(event.data.studentId, event.data.identities);
        return this.placeWaiting(position);
      case 'PlatformReportImported':
        return this.platforms.reportImported(event.data, recordedAt).map((sectionId) => {
          this.sections.cached(sectionId)?.touch();
          return { sectionId, type: event.type, position };
        });
      case 'StudentRecordRead':
        this.recordReads.apply([event.data.studentId], event.data, event.position);
        return [];
      case 'StudentRecordsRead':
        this.recordReads.apply(event.data.studentIds, event.data, event.position);
        return [];
      case 'PolicySet':
        // A policy version can move any section: every one is looked at again, and every one in memory reads it.
        this.policies.apply(event.data, event.revision, recordedAt);
        return this.sectionIds().map((sectionId) => {
          this.sections.cached(sectionId)?.touch();
          return { sectionId, type: event.type, position };
        });
      case 'XapiStatementStored':
        this.xapiStatements.apply(event.data, event.position);
        return [];
      case 'NoticeRecorded': {
        const notification = this.notices.apply(event);
        return [{ sectionId: notification.sectionId, studentId: notification.studentId, type: event.type, position, notification }];
      }
    }
    if (!isSectionEvent(event)) return [];
    this.applyConfig(event, recordedAt);
    const sectionId = event.data.sectionId;
    const studentId = 'studentId' in event.data ? event.data.studentId : undefined;
    const change = { sectionId, studentId, type: event.type, position };
    return PLACES_WAITING.has(event.type) ? [change, ...this.placeWaiting(position)] : [change];
  }

  private applyConfig(event: TypedEvent<SectionEvent>, recordedAt: number): void {
    const sectionId = event.data.sectionId;
    switch (event.type) {
      case 'SectionDefined': {
        const { instructors, termId, courseCode, title, level, timezone, college, department, policy } = event.data;
        this.q.define.run(sectionId, JSON.stringify({ instructors, termId, courseCode, title, level, timezone, college, department, policy }));
        this.platforms.setSectionLinks(sectionId, event.data.links);
        break;
      }
      case 'ItemScheduled':
        this.q.schedule.run(sectionId, event.data.itemId);
        this.platforms.setItemLinks(sectionId, event.data.itemId, event.data.links);
        break;
      case 'ItemCancelled':
        this.q.cancel.run(sectionId, event.data.itemId);
        break;
      case 'StudentEnrolled':
        this.q.enroll.run(sectionId, event.data.studentId, 1);
        this.statuses.enroll(sectionId, event.data.studentId, event.position);
        break;
      case 'StudentDropped':
        this.q.enroll.run(sectionId, event.data.studentId, 0);
        this.statuses.drop(sectionId, event.data.studentId);
        break;
      case 'EligibilityFinalized':
      case 'EligibilityReopened':
        this.q.finalized.run(event.type === 'EligibilityFinalized' ? 1 : 0, sectionId);
        break;
      default:
        this.excuseRequests.apply(event, recordedAt, event.position);
    }
    this.sections.cached(sectionId)?.applyConfig(event, recordedAt);
  }

  private applyFact(fact: FactRecorded, recordedAt: number, position: string): Change {
    const kept = this.facts.add(fact, recordedAt);
    this.sections.cached(fact.sectionId)?.applyFact(kept);
    const sectionWide = fact.type === 'in-person.marked' && this.q.firstMark.run(fact.sectionId, fact.itemId).changes === 1;
    return { sectionId: fact.sectionId, studentId: fact.studentId, type: fact.type, position, itemId: fact.itemId, occurredAt: fact.occurredAt, sectionWide };
  }

  private placeWaiting(position: string): Change[] {
    // A placed fact counts as recorded when it arrived, not when its mapping did.
    return this.platforms.retry().map(({ fact, recordedAt }) => this.applyFact(fact, recordedAt, position));
  }

  /** What the changes make stale: one enrollment's status, or the whole section's; each once a page. */
  private markStale(changes: Change[]): void {
    const sections = new Set<string>();
    const enrollments = new Map<string, [string, string]>();
    for (const change of changes) {
      if (change.type === 'NoticeRecorded') continue;
      if (isSectionWide(change)) sections.add(change.sectionId);
      else enrollments.set(`${change.sectionId}\u0000${change.studentId}`, [change.sectionId, change.studentId!]);
    }
    for (const sectionId of sections) this.statuses.markSectionDirty(sectionId, this.position);
    for (const [sectionId, studentId] of enrollments.values()) if (!sections.has(sectionId)) this.statuses.markDirty(sectionId, studentId, this.position);
  }
}

const USED = new Set([
  'FactRecorded',
  'NoticeRecorded',
  'PlatformFactReceived',
  'StudentIdentitiesSet',
  'PlatformReportImported',
  'SectionDefined',
  'StudentEnrolled',
  'StudentDropped',
  'ItemScheduled',
  'ItemCancelled',
  'ExcuseRecorded',
  'ExcuseRevoked',
  'ExcuseRequested',
  'ExcuseRequestForwarded',
  'ExcuseRequestRejected',
  'CorrectionRecorded',
  'WaiverGranted',
  'EligibilityFinalized',
  'EligibilityReopened',
  'StudentRecordRead',
  'StudentRecordsRead',
  'XapiStatementStored',
  'PolicySet',
]);
