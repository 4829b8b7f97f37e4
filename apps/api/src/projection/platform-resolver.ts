import { REPORT_PLATFORMS } from '@attendance/domain';
import type { FactRecorded, ItemLinks, PlatformReportImported, StudentIdentities } from '@attendance/domain';
import type { PlatformFact } from '@attendance/platforms/platform-fact';
import type { Item } from '@attendance/rules';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

export interface Unmatched {
  fact: PlatformFact;
  recordedAt: string;
  reason: string;
}

type Resolution = { fact: FactRecorded } | { reason: string };

const key = (...parts: string[]) => parts.join('\u0000');
/** The link slot of a section's course itself, beside its items'. */
const COURSE = '\u0000course';

/**
 * Turns platform facts into ours: the platform's activity to a section and item through the
 * items' links (or taken as our item id), its user to a student through the identities (or taken
 * as our student id). What cannot be placed yet waits, with the reason, until it can. All of it
 * is kept in the read store, so it needs no memory for history and no replay at start.
 */
export class PlatformResolver {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    const db = store.db;
    this.q = {
      link: db.prepare('SELECT section_id, item_id FROM links WHERE link = ?'),
      setLink: db.prepare('INSERT INTO links (link, section_id, item_id) VALUES (?, ?, ?) ON CONFLICT (link) DO UPDATE SET section_id = excluded.section_id, item_id = excluded.item_id'),
      dropLink: db.prepare('DELETE FROM links WHERE link = ? AND section_id = ? AND item_id = ?'),
      linksOfItem: db.prepare('SELECT links FROM links_of_item WHERE section_id = ? AND item_id = ?'),
      setLinksOfItem: db.prepare('INSERT INTO links_of_item (section_id, item_id, links) VALUES (?, ?, ?) ON CONFLICT (section_id, item_id) DO UPDATE SET links = excluded.links'),
      linkedRefs: db.prepare('SELECT link FROM links WHERE link >= ? AND link < ?'),
      identity: db.prepare('SELECT student_id FROM identities WHERE identity = ?'),
      setIdentity: db.prepare('INSERT INTO identities (identity, student_id) VALUES (?, ?) ON CONFLICT (identity) DO UPDATE SET student_id = excluded.student_id'),
      dropIdentity: db.prepare('DELETE FROM identities WHERE identity = ?'),
      identitiesOf: db.prepare('SELECT identities FROM identities_of_student WHERE student_id = ?'),
      setIdentitiesOf: db.prepare('INSERT INTO identities_of_student (student_id, identities) VALUES (?, ?) ON CONFLICT (student_id) DO UPDATE SET identities = excluded.identities'),
      wait: db.prepare('INSERT INTO waiting (fact_id, fact, recorded_at, reason) VALUES (?, ?, ?, ?) ON CONFLICT (fact_id) DO UPDATE SET reason = excluded.reason'),
      waiting: db.prepare('SELECT fact_id, fact, recorded_at, reason FROM waiting'),
      waitingCount: db.prepare('SELECT count(*) AS n FROM waiting'),
      unwait: db.prepare('DELETE FROM waiting WHERE fact_id = ?'),
      rewait: db.prepare('UPDATE waiting SET reason = ? WHERE fact_id = ?'),
      report: db.prepare('SELECT recorded_at FROM reports WHERE report = ?'),
      addReport: db.prepare('INSERT INTO reports (report, recorded_at) VALUES (?, ?) ON CONFLICT (report) DO NOTHING'),
      join: db.prepare('INSERT INTO open_joins (meeting, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      leave: db.prepare('DELETE FROM open_joins WHERE meeting = ? AND user_id = ?'),
      openUsers: db.prepare('SELECT user_id FROM open_joins WHERE meeting = ? ORDER BY user_id'),
      sectionExists: db.prepare('SELECT 1 FROM sections WHERE section_id = ?'),
      sectionsWithItem: db.prepare('SELECT section_id FROM items WHERE item_id = ? AND section_id IN (SELECT section_id FROM sections)'),
      hasItem: db.prepare('SELECT 1 FROM items WHERE section_id = ? AND item_id = ?'),
      enrolled: db.prepare('SELECT 1 FROM enrollments WHERE section_id = ? AND student_id = ? AND active = 1'),
      teaches: db.prepare("SELECT 1 FROM sections, json_each(sections.definition, '$.instructors') AS instructor WHERE section_id = ? AND instructor.value = ?"),
    };
  }

  setItemLinks(sectionId: string, itemId: string, links: ItemLinks | undefined): void {
    // A link another item has taken since stays with that item.
    const old = this.q.linksOfItem.get(sectionId, itemId) as { links: string } | undefined;
    for (const link of old ? (JSON.parse(old.links) as string[]) : []) this.q.dropLink.run(link, sectionId, itemId);
    const keys = Object.entries(links ?? {}).flatMap(([platform, ref]) => (ref === undefined ? [] : [key(platform, ref)]));
    for (const link of keys) this.q.setLink.run(link, sectionId, itemId);
    this.q.setLinksOfItem.run(sectionId, itemId, JSON.stringify(keys));
  }

  /** A section's course ids on the platforms: course accesses there count in this section. */
  setSectionLinks(sectionId: string, links: ItemLinks | undefined): void {
    this.setItemLinks(sectionId, COURSE, links);
  }

  setIdentities(studentId: string, identities: StudentIdentities): void {
    const old = this.q.identitiesOf.get(studentId) as { identities: string } | undefined;
    for (const identity of old ? (JSON.parse(old.identities) as string[]) : []) this.q.dropIdentity.run(identity);
    const keys: string[] = [];
    for (const [kind, value] of Object.entries(identities)) {
      if (value === undefined) continue;
      if (typeof value === 'object') keys.push(key('xapi-account', value.homePage, value.name));
      else keys.push(kind === 'email' ? key('email', value.toLowerCase()) : key(kind, value));
    }
    for (const identity of keys) this.q.setIdentity.run(identity, studentId);
    this.q.setIdentitiesOf.run(studentId, JSON.stringify(keys));
  }

  /** A meeting's report is in; answers the section with an item linked to it, if any. */
  reportImported(report: PlatformReportImported, recordedAt: number): string[] {
    const link = key(report.platform, report.activity);
    this.q.addReport.run(link, recordedAt);
    const linked = this.q.link.get(link) as { section_id: string } | undefined;
    return linked ? [linked.section_id] : [];
  }

  /** For a virtual class linked to a pulled platform: which, and when its report came (rules §4, reportWaitMinutes). */
  reportOf(item: { kind: Item['kind']; links?: ItemLinks }): Item['report'] {
    if (item.kind !== 'virtualClass') return undefined;
    const platform = REPORT_PLATFORMS.find((p) => item.links?.[p] !== undefined);
    if (!platform) return undefined;
    const received = this.q.report.get(key(platform, item.links![platform]!)) as { recorded_at: number } | undefined;
    return { platform, receivedAt: received?.recorded_at };
  }

  /** Places a fact now, or keeps it waiting; answers the fact when placed. */
  receive(fact: PlatformFact, recordedAt: number): FactRecorded | undefined {
    this.trackPresence(fact);
    const resolution = this.resolve(fact);
    if ('fact' in resolution) return resolution.fact;
    this.q.wait.run(fact.id, JSON.stringify(fact), recordedAt, resolution.reason);
    return undefined;
  }

  /** Tries again everything waiting, after a link, identity, item or enrollment arrived. */
  retry(): Array<{ fact: FactRecorded; recordedAt: number }> {
    if ((this.q.waitingCount.get() as { n: number }).n === 0) return [];
    const placed: Array<{ fact: FactRecorded; recordedAt: number }> = [];
    for (const row of this.q.waiting.all() as Array<{ fact_id: string; fact: string; recorded_at: number; reason: string }>) {
      const resolution = this.resolve(JSON.parse(row.fact) as PlatformFact);
      if ('fact' in resolution) {
        this.q.unwait.run(row.fact_id);
        placed.push({ fact: resolution.fact, recordedAt: row.recorded_at });
      } else if (resolution.reason !== row.reason) this.q.rewait.run(resolution.reason, row.fact_id);
    }
    return placed;
  }

  unmatched(): Unmatched[] {
    return (this.q.waiting.all() as Array<{ fact: string; recorded_at: number; reason: string }>).map((row) => ({
      fact: JSON.parse(row.fact) as PlatformFact,
      recordedAt: new Date(row.recorded_at).toISOString(),
      reason: row.reason,
    }));
  }

  /** The platform ids items are linked to, e.g. every BigBlueButton external meeting id. */
  linkedRefs(platform: string): string[] {
    const prefix = key(platform, '');
    return (this.q.linkedRefs.all(prefix, key(platform, '\uffff')) as Array<{ link: string }>).map((r) => r.link.slice(prefix.length));
  }

  openUsers(platform: string, activity: string): string[] {
    return (this.q.openUsers.all(key(platform, activity)) as Array<{ user_id: string }>).map((r) => r.user_id);
  }

  private trackPresence(fact: PlatformFact): void {
    if (fact.activity === undefined || fact.actor.userId === undefined) return;
    if (fact.type === 'virtual-class.joined') this.q.join.run(key(fact.platform, fact.activity), fact.actor.userId);
    else if (fact.type === 'virtual-class.left') this.q.leave.run(key(fact.platform, fact.activity), fact.actor.userId);
  }

  private resolve(fact: PlatformFact): Resolution {
    const place = fact.type === 'course.accessed' ? this.placeCourse(fact) : this.placeItem(fact);
    if ('reason' in place) return place;
    const studentId = this.studentOf(fact, place.sectionId);
    if (studentId === undefined) return { reason: `no student enrolled in section ${place.sectionId} matches ${describeActor(fact)}` };
    const data: FactRecorded = { id: fact.id, type: fact.type, occurredAt: fact.occurredAt, sectionId: place.sectionId, studentId, source: fact.platform };
    if (place.itemId !== undefined) data.itemId = place.itemId;
    if (fact.progress !== undefined) data.progress = fact.progress;
    if (fact.watchedRanges !== undefined) data.watchedRanges = fact.watchedRanges;
    if (fact.status !== undefined) data.status = fact.status;
    return { fact: data };
  }

  private linked(platform: string, ref: string): { sectionId: string; itemId: string } | undefined {
    const row = this.q.link.get(key(platform, ref)) as { section_id: string; item_id: string } | undefined;
    return row && { sectionId: row.section_id, itemId: row.item_id };
  }

  private placeItem(fact: PlatformFact): { sectionId: string; itemId: string } | { reason: string } {
    if (fact.activity === undefined) return { reason: 'the event names no activity' };
    const linked = this.linked(fact.platform, fact.activity);
    if (linked && linked.itemId !== COURSE) return linked;
    // Without a link the platform's id is taken as ours: in the named course, or the one section that has it.
    const withItem = (this.q.sectionsWithItem.all(fact.activity) as Array<{ section_id: string }>).map((r) => r.section_id);
    const named = fact.course !== undefined && withItem.includes(fact.course) ? [fact.course] : withItem;
    if (named.length === 1) return { sectionId: named[0], itemId: fact.activity };
    if (named.length > 1) return { reason: `${fact.platform} activity ${fact.activity} is an item id in several sections; link it (links.${fact.platform})` };
    return { reason: `no item is linked to ${fact.platform} activity ${fact.activity} (links.${fact.platform})` };
  }

  private placeCourse(fact: PlatformFact): { sectionId: string; itemId?: undefined } | { reason: string } {
    const course = fact.course ?? fact.activity;
    const linked = course === undefined ? undefined : this.linked(fact.platform, course);
    if (linked?.itemId === COURSE) return { sectionId: linked.sectionId };
    if (course !== undefined && this.q.sectionExists.get(course)) return { sectionId: course };
    if (fact.activity !== undefined) {
      const item = this.placeItem(fact);
      if ('sectionId' in item) return { sectionId: item.sectionId };
    }
    return { reason: `no section matches ${fact.platform} course ${course ?? '(none)'}` };
  }

  private studentOf(fact: PlatformFact, sectionId: string): string | undefined {
    const { actor, platform } = fact;
    const identity = (k: string) => (this.q.identity.get(k) as { student_id: string } | undefined)?.student_id;
    const candidates = [
      actor.userId !== undefined ? identity(key(platform, actor.userId)) : undefined,
      actor.account ? identity(key('xapi-account', actor.account.homePage, actor.account.name)) : undefined,
      actor.email ? identity(key('email', actor.email.toLowerCase())) : undefined,
      actor.userId,
      actor.account?.name,
    ];
    // An instructor's own joins say whether a class was held (contact hours); they count for no student.
    return (
      candidates.find((id) => id !== undefined && this.q.enrolled.get(sectionId, id) !== undefined) ??
      candidates.find((id) => id !== undefined && this.q.teaches.get(sectionId, id) !== undefined)
    );
  }
}

function describeActor(fact: PlatformFact): string {
  const { userId, email, account } = fact.actor;
  return [userId && `${fact.platform} user ${userId}`, email && `email ${email}`, account && `xAPI account ${account.homePage} ${account.name}`].filter(Boolean).join(', ') || 'no user';
}
