import type { PlatformFact } from '@attendance/platforms/platform-fact';
import { REPORT_PLATFORMS } from '@attendance/domain';
import type { FactRecorded, ItemLinks, PlatformReportImported, StudentIdentities } from '@attendance/domain';
import type { Item } from '@attendance/rules';
import { isActive } from '@attendance/domain';
import type { SectionView } from './section-view';

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
 * as our student id). What cannot be placed yet waits here, with the reason, until it can.
 */
export class PlatformResolver {
  private readonly links = new Map<string, { sectionId: string; itemId: string }>();
  private readonly linksOfItem = new Map<string, string[]>();
  private readonly identities = new Map<string, string>();
  private readonly identityKeysOf = new Map<string, string[]>();
  private readonly waiting = new Map<string, { fact: PlatformFact; recordedAt: number; reason: string }>();
  /** Per platform meeting, the users whose last known fact is a join. */
  private readonly openJoins = new Map<string, Set<string>>();
  /** Per pulled platform's meeting, when its first attendance report was imported. */
  private readonly reports = new Map<string, number>();

  constructor(private readonly sections: Map<string, SectionView>) {}

  setItemLinks(sectionId: string, itemId: string, links: Record<string, string | undefined> | undefined): void {
    const itemKey = key(sectionId, itemId);
    // A link another item has taken since stays with that item.
    for (const old of this.linksOfItem.get(itemKey) ?? []) {
      const owner = this.links.get(old);
      if (owner && owner.sectionId === sectionId && owner.itemId === itemId) this.links.delete(old);
    }
    const keys = Object.entries(links ?? {}).flatMap(([platform, ref]) => (ref === undefined ? [] : [key(platform, ref)]));
    for (const k of keys) this.links.set(k, { sectionId, itemId });
    this.linksOfItem.set(itemKey, keys);
  }

  /** A section's course ids on the platforms: course accesses there count in this section. */
  setSectionLinks(sectionId: string, links: Record<string, string | undefined> | undefined): void {
    this.setItemLinks(sectionId, COURSE, links);
  }

  setIdentities(studentId: string, identities: StudentIdentities): void {
    for (const old of this.identityKeysOf.get(studentId) ?? []) this.identities.delete(old);
    const keys: string[] = [];
    for (const [kind, value] of Object.entries(identities)) {
      if (value === undefined) continue;
      if (typeof value === 'object') keys.push(key('xapi-account', value.homePage, value.name));
      else keys.push(kind === 'email' ? key('email', value.toLowerCase()) : key(kind, value));
    }
    for (const k of keys) this.identities.set(k, studentId);
    this.identityKeysOf.set(studentId, keys);
  }

  /** Places a fact now, or keeps it waiting; answers the fact when placed. */
  receive(fact: PlatformFact, recordedAt: number): FactRecorded | undefined {
    this.trackPresence(fact);
    const resolution = this.resolve(fact);
    if ('fact' in resolution) return resolution.fact;
    this.waiting.set(fact.id, { fact, recordedAt, reason: resolution.reason });
    return undefined;
  }

  /** A meeting's report is in; answers the sections with an item linked to it. */
  reportImported(report: PlatformReportImported, recordedAt: number): string[] {
    const k = key(report.platform, report.activity);
    if (!this.reports.has(k)) this.reports.set(k, recordedAt);
    const linked = this.links.get(k);
    return linked ? [linked.sectionId] : [];
  }

  /** For a virtual class linked to a pulled platform: which, and when its report came (rules §4, reportWaitMinutes). */
  reportOf(item: { kind: Item['kind']; links?: ItemLinks }): Item['report'] {
    if (item.kind !== 'virtualClass') return undefined;
    const platform = REPORT_PLATFORMS.find((p) => item.links?.[p] !== undefined);
    return platform && { platform, receivedAt: this.reports.get(key(platform, item.links![platform]!)) };
  }

  /** Tries again everything waiting, after a link, identity, item or enrollment arrived. */
  retry(): Array<{ fact: FactRecorded; recordedAt: number }> {
    const placed: Array<{ fact: FactRecorded; recordedAt: number }> = [];
    for (const [id, entry] of this.waiting) {
      const resolution = this.resolve(entry.fact);
      if ('fact' in resolution) {
        this.waiting.delete(id);
        placed.push({ fact: resolution.fact, recordedAt: entry.recordedAt });
      } else entry.reason = resolution.reason;
    }
    return placed;
  }

  get hasWaiting(): boolean {
    return this.waiting.size > 0;
  }

  unmatched(): Unmatched[] {
    return [...this.waiting.values()].map((w) => ({ fact: w.fact, recordedAt: new Date(w.recordedAt).toISOString(), reason: w.reason }));
  }

  /** The platform ids items are linked to, e.g. every BigBlueButton external meeting id. */
  linkedRefs(platform: string): string[] {
    const prefix = key(platform, '');
    return [...this.links.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  openUsers(platform: string, activity: string): string[] {
    return [...(this.openJoins.get(key(platform, activity)) ?? [])].sort();
  }

  private trackPresence(fact: PlatformFact): void {
    if (fact.activity === undefined || fact.actor.userId === undefined) return;
    if (fact.type !== 'virtual-class.joined' && fact.type !== 'virtual-class.left') return;
    const meeting = key(fact.platform, fact.activity);
    const open = this.openJoins.get(meeting) ?? new Set<string>();
    if (fact.type === 'virtual-class.joined') open.add(fact.actor.userId);
    else open.delete(fact.actor.userId);
    this.openJoins.set(meeting, open);
  }

  private resolve(fact: PlatformFact): Resolution {
    const place = fact.type === 'course.accessed' ? this.placeCourse(fact) : this.placeItem(fact);
    if ('reason' in place) return place;
    const view = this.sections.get(place.sectionId)!;
    const studentId = this.studentOf(fact, view);
    if (studentId === undefined) return { reason: `no student enrolled in section ${place.sectionId} matches ${describeActor(fact)}` };
    const data: FactRecorded = { id: fact.id, type: fact.type, occurredAt: fact.occurredAt, sectionId: place.sectionId, studentId, source: fact.platform };
    if (place.itemId !== undefined) data.itemId = place.itemId;
    if (fact.progress !== undefined) data.progress = fact.progress;
    if (fact.watchedRanges !== undefined) data.watchedRanges = fact.watchedRanges;
    if (fact.status !== undefined) data.status = fact.status;
    return { fact: data };
  }

  private placeItem(fact: PlatformFact): { sectionId: string; itemId: string } | { reason: string } {
    if (fact.activity === undefined) return { reason: 'the event names no activity' };
    const linked = this.links.get(key(fact.platform, fact.activity));
    if (linked && linked.itemId !== COURSE) return linked;
    // Without a link the platform's id is taken as ours: in the named course, or the one section that has it.
    const candidates = [...this.sections.values()].filter(
      (v) => v.state.section && v.state.items.has(fact.activity!) && (fact.course === undefined || v.sectionId === fact.course || !this.sections.get(fact.course)?.state.items.has(fact.activity!)),
    );
    if (candidates.length === 1) return { sectionId: candidates[0].sectionId, itemId: fact.activity };
    if (candidates.length > 1) return { reason: `${fact.platform} activity ${fact.activity} is an item id in several sections; link it (links.${fact.platform})` };
    return { reason: `no item is linked to ${fact.platform} activity ${fact.activity} (links.${fact.platform})` };
  }

  private placeCourse(fact: PlatformFact): { sectionId: string; itemId?: undefined } | { reason: string } {
    const course = fact.course ?? fact.activity;
    const linked = course === undefined ? undefined : this.links.get(key(fact.platform, course));
    if (linked?.itemId === COURSE) return { sectionId: linked.sectionId };
    if (course !== undefined && this.sections.get(course)?.state.section) return { sectionId: course };
    if (fact.activity !== undefined) {
      const item = this.placeItem(fact);
      if ('sectionId' in item) return { sectionId: item.sectionId };
    }
    return { reason: `no section matches ${fact.platform} course ${course ?? '(none)'}` };
  }

  private studentOf(fact: PlatformFact, view: SectionView): string | undefined {
    const { actor, platform } = fact;
    const candidates = [
      actor.userId !== undefined ? this.identities.get(key(platform, actor.userId)) : undefined,
      actor.account ? this.identities.get(key('xapi-account', actor.account.homePage, actor.account.name)) : undefined,
      actor.email ? this.identities.get(key('email', actor.email.toLowerCase())) : undefined,
      actor.userId,
      actor.account?.name,
    ];
    return candidates.find((id) => id !== undefined && isActive(view.state.enrollments.get(id)));
  }
}

function describeActor(fact: PlatformFact): string {
  const { userId, email, account } = fact.actor;
  return [userId && `${fact.platform} user ${userId}`, email && `email ${email}`, account && `xAPI account ${account.homePage} ${account.name}`].filter(Boolean).join(', ') || 'no user';
}
