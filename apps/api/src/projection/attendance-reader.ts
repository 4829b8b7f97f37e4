import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { effectivePolicy, EffectivePolicy, isActive, ItemState, nextPolicyStart, PolicySubject, SectionState } from '@attendance/domain';
import type { Clock } from '@attendance/event-store';
import { evaluateEnrollment, Item, loginCompliance, nextChangeAt, Policy, sectionFindings, StudentEvaluation, Tallies } from '@attendance/rules';
import { CLOCK } from '../config/tokens';
import { AttendanceProjection } from './attendance.projection';
import type { SectionView } from './section-view';
import type { StoredStatus } from './status-book';
import type { StudentRow } from './student-row';

export type { StudentRow };
type ConfiguredView = SectionView & { state: SectionState & { section: NonNullable<SectionState['section']> } };


/** The policy an answer was given under: the versions in force by scope, and whether the section's own overrides took part. */
const policyNamed = ({ versions, sectionOverrides }: EffectivePolicy) => ({ versions, sectionOverrides });

/** What a section's policy depends on: its term, level, college and own overrides. */
const subjectOf = (state: SectionState): PolicySubject => ({
  termId: state.definition?.termId ?? '',
  level: state.definition?.level ?? '',
  college: state.definition?.college,
  overrides: state.definition?.policy ?? {},
});

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** What a dashboard shows of an item beside its outcome: its kind, times and title. */
function itemSummary(item: ItemState) {
  return { itemId: item.itemId, kind: item.kind, title: item.title, unit: item.unit, startsAt: iso(item.startsAt), endsAt: iso(item.endsAt), dueAt: iso(item.dueAt), durationMinutes: item.durationMinutes };
}

/**
 * Answers the reads: lists from the stored statuses (computed again only where the projection or
 * the clock made them stale), one student's record and "as of" answers by evaluating the rules
 * over the section, loaded into memory when needed.
 */
@Injectable()
export class AttendanceReader {
  constructor(
    private readonly projection: AttendanceProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get model() {
    return this.projection.model;
  }

  /** A configured section, loaded, or 404. */
  async view(sectionId: string): Promise<ConfiguredView> {
    if (!this.model.definition(sectionId)) throw new NotFoundException(`section ${sectionId} does not exist`);
    const view = await this.model.sections.load(sectionId);
    if (!view.state.section) throw new NotFoundException(`section ${sectionId} does not exist`);
    return view as ConfiguredView;
  }

  /** A section's definition (course, title, time zone, instructors), without loading it. */
  definitionOf(sectionId: string) {
    return this.model.definition(sectionId);
  }

  /** Who teaches a section, without loading it (faculty scope). */
  instructorsOf(sectionId: string): string[] | undefined {
    return this.model.definition(sectionId)?.instructors;
  }

  /**
   * One student's standing; `asOf` evaluates what was recorded by then with the clock at then.
   * Live answers without evidence are kept until a fact, the section or a deadline changes them.
   */
  evaluate(view: SectionView, studentId: string, asOf?: number, explain = false): StudentEvaluation | undefined {
    if (asOf !== undefined || explain) return this.compute(view, studentId, asOf, explain);
    const now = this.clock().getTime();
    const cached = view.cache.get(studentId);
    const factVersion = view.factVersionOf(studentId);
    if (cached && cached.sectionVersion === view.sectionVersion && cached.factVersion === factVersion && cached.from <= now && now < cached.until) {
      return cached.value as StudentEvaluation | undefined;
    }
    const computed = this.compute(view, studentId, undefined, false);
    // Rows, eligibility and notices read the standing, not the items: the cache keeps it small.
    const value = computed && Object.assign(computed, { items: [] });
    const until = this.validUntil(view, now);
    if (until > now) view.cache.set(studentId, { sectionVersion: view.sectionVersion, factVersion, from: now, until, value });
    return value;
  }

  /** One student's standing under another policy (what-if): now, or as finalized; nothing is cached or written. */
  evaluateUnder(view: SectionView, studentId: string, policy: Policy): StudentEvaluation | undefined {
    return this.compute(view, studentId, this.eligibilityMoment(view), false, policy);
  }

  private validUntil(view: SectionView, now: number, options?: { runningClasses?: boolean }): number {
    if (!view.state.section) return Infinity;
    const byRules = nextChangeAt(this.itemsOf(view.state), view.state.section, this.policyAt(view.state, now).policy, now, options);
    // A policy version that starts later changes the standing then.
    return Math.min(byRules, nextPolicyStart(this.model.policies.all(), subjectOf(view.state), now) ?? Infinity);
  }

  /** A section's policy at a moment: its scopes' versions in force then, and its own overrides (docs/rules.md, Policies). */
  policyAt(state: SectionState, at: number, candidate?: { scope: string; policy: Partial<Policy> }): EffectivePolicy {
    const versions = this.model.policies.all();
    // No version set (the usual case until a university sets one): the section's own policy, as folded, on the hot path.
    if (versions.length === 0 && !candidate) return { policy: state.policy, versions: [], sectionOverrides: Object.keys(state.definition?.policy ?? {}).length > 0 };
    return effectivePolicy(versions, subjectOf(state), at, candidate);
  }

  /**
   * A section's eligibility as of `at` under the policy versions recorded by `at`: the same answer
   * whatever is recorded later, a retroactive version included (a term-wide list's snapshot). Each
   * student with the component that binds them (the highest absence against its limit).
   */
  async snapshotEligibility(sectionId: string, at: number) {
    const view = await this.view(sectionId);
    const moment = this.eligibilityMoment(view, at)!;
    const state = view.stateAsOf(moment);
    const effective = effectivePolicy(this.model.policies.all().filter((v) => v.recordedAt <= at), subjectOf(state), moment);
    const limitPercent = 100 - effective.policy.thresholdPercent;
    const students = [...state.enrollments.values()]
      .filter(isActive)
      .map((e) => e.studentId)
      .sort()
      .flatMap((studentId) => {
        const e = this.compute(view, studentId, moment, false, effective.policy);
        if (!e) return [];
        return [{ studentId, eligible: e.eligible, status: e.status, binding: bindingOf(e.components, limitPercent) }];
      });
    return { sectionId, finalized: moment === view.state.finalizedAt, policy: policyNamed(effective), students };
  }

  /** The section's policy now, and the versions that made it. */
  async policyNow(sectionId: string): Promise<EffectivePolicy> {
    return this.policyAt((await this.view(sectionId)).state, this.clock().getTime());
  }

  /** The next deadline of a section after `now` (a class's end, a due time), running classes aside. */
  async nextDeadline(sectionId: string): Promise<number> {
    return this.validUntil(await this.model.sections.load(sectionId), this.clock().getTime(), { runningClasses: false });
  }

  private compute(view: SectionView, studentId: string, asOf: number | undefined, explain: boolean, policy?: Policy): StudentEvaluation | undefined {
    const state = asOf === undefined ? view.state : view.stateAsOf(asOf);
    const enrollment = state.enrollments.get(studentId);
    if (!state.section || !isActive(enrollment)) return undefined;
    const now = asOf ?? this.clock().getTime();
    return evaluateEnrollment({
      section: state.section,
      policy: policy ?? this.policyAt(state, now).policy,
      items: this.itemsOf(state, asOf),
      enrollment,
      facts: view.factsOf(studentId, asOf),
      excuses: state.excuses,
      corrections: state.corrections,
      waivers: state.waivers,
      attendanceTaken: view.markedItemsAsOf(asOf),
      now,
      explain,
    });
  }

  /** The section's items, each virtual class with the pulled report it waits for, as known at `asOf`. */
  private itemsOf(state: SectionState, asOf?: number): Item[] {
    return [...state.items.values()].map((item) => {
      const report = this.model.platforms.reportOf(item);
      if (!report) return item;
      const received = report.receivedAt !== undefined && (asOf === undefined || report.receivedAt <= asOf);
      return Object.assign({}, item, { report: { platform: report.platform, receivedAt: received ? report.receivedAt : undefined } });
    });
  }

  /** Eligibility holds still from finalization until reopening (I6). */
  private eligibilityMoment(view: SectionView, asOf?: number): number | undefined {
    const finalizedAt = view.state.finalizedAt;
    if (finalizedAt !== undefined && (asOf === undefined || asOf >= finalizedAt)) return finalizedAt;
    return asOf;
  }

  /** What is stored for a student now: the live components with, once finalized, the frozen status and its reasons. */
  private status(view: SectionView, studentId: string): StoredStatus | undefined {
    const live = this.evaluate(view, studentId);
    if (!live) return undefined;
    const frozenAt = view.state.finalizedAt;
    const frozen = frozenAt === undefined ? undefined : this.evaluate(view, studentId, frozenAt);
    const shown = frozen ?? live;
    return { studentId, row: { studentId, status: shown.status, eligible: shown.eligible, components: live.components }, reasons: shown.reasons };
  }

  /** Computes again, and stores, the statuses of a section that a change or the clock made stale. */
  async refresh(sectionId: string): Promise<void> {
    if (this.model.statuses.stale(sectionId, this.clock().getTime()).length === 0) return;
    const view = await this.model.sections.load(sectionId);
    const now = this.clock().getTime();
    const stale = this.model.statuses.stale(sectionId, now);
    const until = this.validUntil(view, now);
    this.projection.transaction(() => {
      for (const studentId of stale) {
        const status = this.status(view, studentId);
        if (status) this.model.statuses.write(sectionId, status, until);
      }
    });
  }

  /** Every active enrollment's status, fresh. */
  async statuses(sectionId: string): Promise<StoredStatus[]> {
    await this.refresh(sectionId);
    return this.model.statuses.rows(sectionId);
  }

  /** One student's status, fresh; undefined when not enrolled. */
  async currentStatus(sectionId: string, studentId: string): Promise<StoredStatus | undefined> {
    const stored = this.model.statuses.one(sectionId, studentId, this.clock().getTime());
    if (stored) return stored;
    await this.refresh(sectionId);
    // Just computed: while a class is on it holds only for now itself, and is still the answer.
    return this.model.statuses.one(sectionId, studentId);
  }

  /** One student's row, fresh; undefined when not enrolled. */
  async studentRow(sectionId: string, studentId: string): Promise<StudentRow | undefined> {
    return (await this.currentStatus(sectionId, studentId))?.row;
  }

  async sectionAttendance(sectionId: string) {
    const view = await this.view(sectionId);
    const state = view.state;
    const students = (await this.statuses(sectionId)).map((s) => s.row);
    return {
      sectionId,
      level: state.section.level,
      timezone: state.section.timezone,
      generatedAt: this.clock().toISOString(),
      finalized: state.finalizedAt !== undefined,
      items: [...state.items.values()].filter((i) => !i.cancelled).map(itemSummary),
      students,
      findings: sectionFindings(state.section, this.policyAt(state, this.clock().getTime()).policy, [...state.items.values()], students.length, view.markedItems, this.clock().getTime()),
    };
  }

  /** Sections a faculty member teaches, or every section for the other roles that may read them. */
  sectionList(instructor?: string) {
    const sections = this.model
      .sectionIds()
      .flatMap((sectionId) => {
        const d = this.model.definition(sectionId)!;
        if (instructor !== undefined && !d.instructors.includes(instructor)) return [];
        const { termId, courseCode, title, level, instructors, finalized } = d;
        return [{ sectionId, termId, courseCode, title, level, instructors, students: this.model.activeStudentIds(sectionId).length, finalized }];
      });
    return { sections };
  }

  async studentRecord(sectionId: string, studentId: string) {
    const view = await this.view(sectionId);
    const live = this.evaluate(view, studentId, undefined, true);
    if (!live) throw new NotFoundException(`student ${studentId} is not enrolled in section ${sectionId}`);
    const items = live.items.map((i) => Object.assign({}, i, itemSummary(view.state.items.get(i.itemId)!)));
    const policy = this.policyAt(view.state, this.eligibilityMoment(view) ?? this.clock().getTime());
    return {
      sectionId,
      timezone: view.state.section.timezone,
      ...(await this.studentRow(sectionId, studentId))!,
      items,
      logins: loginCompliance(view.accessesByStudent.get(studentId) ?? [], view.state.section.timezone, policy.policy),
      policy: policyNamed(policy),
    };
  }

  async studentSections(studentId: string) {
    const sections = [];
    for (const sectionId of this.model.sectionIdsOf(studentId)) {
      const r = await this.studentRow(sectionId, studentId);
      const d = this.model.definition(sectionId);
      if (r && d) sections.push({ sectionId, level: d.level, timezone: d.timezone, ...r });
    }
    return { studentId, sections };
  }

  async eligibility(sectionId: string, asOf?: number) {
    const at = new Date(asOf ?? this.clock().getTime()).toISOString();
    if (asOf === undefined) {
      // The live list is the stored statuses: the section is loaded only when some are stale.
      const definition = this.model.definition(sectionId);
      if (definition === undefined) throw new NotFoundException(`section ${sectionId} does not exist`);
      const finalized = definition.finalized;
      const students = (await this.statuses(sectionId)).map(({ studentId, row: r, reasons }) => ({ studentId, eligible: r.eligible, status: r.status, reasons }));
      // A finalized list holds as of its finalization, under the policy of then.
      const policy = finalized
        ? this.policyAt((await this.view(sectionId)).state, this.eligibilityMoment(await this.view(sectionId))!)
        : effectivePolicy(this.model.policies.all(), { termId: definition.termId, level: definition.level, college: definition.college, overrides: definition.policy ?? {} }, this.clock().getTime());
      return { sectionId, asOf: at, finalized, policy: policyNamed(policy), students };
    }
    const view = await this.view(sectionId);
    const moment = this.eligibilityMoment(view, asOf)!;
    const students = [...view.stateAsOf(moment).enrollments.values()]
      .filter(isActive)
      .map((e) => e.studentId)
      .sort()
      .map((studentId) => {
        const e = this.evaluate(view, studentId, moment)!;
        return { studentId, eligible: e.eligible, status: e.status, reasons: e.reasons };
      });
    return { sectionId, asOf: at, finalized: moment === view.state.finalizedAt, policy: policyNamed(this.policyAt(view.stateAsOf(moment), moment)), students };
  }
}

/** The component that binds a student: the planned one with the highest absence, against the limit; null when nothing is planned. */
export function bindingOf(components: Tallies, limitPercent: number): { component: string; absencePercent: number; limitPercent: number } | null {
  const planned = (Object.entries(components) as Array<[string, { absencePercent: number; planned: number }]>).filter(([, t]) => t.planned > 0);
  const worst = planned.sort((a, b) => b[1].absencePercent - a[1].absencePercent)[0];
  return worst ? { component: worst[0], absencePercent: worst[1].absencePercent, limitPercent } : null;
}
