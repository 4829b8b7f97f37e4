import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Clock } from '@attendance/event-store';
import { evaluateEnrollment, Item, loginCompliance, nextChangeAt, sectionFindings, StudentEvaluation } from '@attendance/rules';
import { CLOCK } from '../config/tokens';
import { isActive, ItemState, SectionState } from '@attendance/domain';
import { AttendanceProjection } from './attendance.projection';
import type { SectionView } from './section-view';

export type StudentRow = Pick<StudentEvaluation, 'studentId' | 'status' | 'eligible' | 'components'>;

const row = (e: StudentEvaluation): StudentRow => ({ studentId: e.studentId, status: e.status, eligible: e.eligible, components: e.components });

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** What a dashboard shows of an item beside its outcome: its kind, times and title. */
function itemSummary(item: ItemState) {
  return { itemId: item.itemId, kind: item.kind, title: item.title, unit: item.unit, startsAt: iso(item.startsAt), endsAt: iso(item.endsAt), dueAt: iso(item.dueAt), durationMinutes: item.durationMinutes };
}

/** Evaluates the rules over the read model: live with the clock, or as of a past moment. */
@Injectable()
export class AttendanceReader {
  constructor(
    private readonly projection: AttendanceProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A configured section's view, or 404. */
  view(sectionId: string): SectionView & { state: SectionState & { section: NonNullable<SectionState['section']> } } {
    const view = this.projection.section(sectionId);
    if (!view?.state.section) throw new NotFoundException(`section ${sectionId} does not exist`);
    return view as never;
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
    const value = computed && { ...computed, items: [] };
    const until = view.state.section ? nextChangeAt(this.itemsOf(view.state), view.state.section, view.state.policy, now) : Infinity;
    if (until > now) view.cache.set(studentId, { sectionVersion: view.sectionVersion, factVersion, from: now, until, value });
    return value;
  }

  private compute(view: SectionView, studentId: string, asOf: number | undefined, explain: boolean): StudentEvaluation | undefined {
    const state = asOf === undefined ? view.state : view.stateAsOf(asOf);
    const enrollment = state.enrollments.get(studentId);
    if (!state.section || !isActive(enrollment)) return undefined;
    return evaluateEnrollment({
      section: state.section,
      policy: state.policy,
      items: this.itemsOf(state, asOf),
      enrollment,
      facts: view.factsOf(studentId, asOf),
      excuses: state.excuses,
      corrections: state.corrections,
      waivers: state.waivers,
      attendanceTaken: view.markedItemsAsOf(asOf),
      now: asOf ?? this.clock().getTime(),
      explain,
    });
  }

  /** The section's items, each virtual class with the pulled report it waits for, as known at `asOf`. */
  private itemsOf(state: SectionState, asOf?: number): Item[] {
    return [...state.items.values()].map((item) => {
      const report = this.projection.platforms.reportOf(item);
      if (!report) return item;
      const received = report.receivedAt !== undefined && (asOf === undefined || report.receivedAt <= asOf);
      return { ...item, report: { platform: report.platform, receivedAt: received ? report.receivedAt : undefined } };
    });
  }

  /** Eligibility holds still from finalization until reopening (I6). */
  private eligibilityMoment(view: SectionView, asOf?: number): number | undefined {
    const finalizedAt = view.state.finalizedAt;
    if (finalizedAt !== undefined && (asOf === undefined || asOf >= finalizedAt)) return finalizedAt;
    return asOf;
  }

  studentRow(view: SectionView, studentId: string): StudentRow | undefined {
    const live = this.evaluate(view, studentId);
    if (!live) return undefined;
    const frozenAt = view.state.finalizedAt;
    const frozen = frozenAt === undefined ? undefined : this.evaluate(view, studentId, frozenAt);
    return { ...row(live), ...(frozen ? { status: frozen.status, eligible: frozen.eligible } : {}) };
  }

  activeStudentIds(state: SectionState): string[] {
    return [...state.enrollments.values()].filter(isActive).map((e) => e.studentId).sort();
  }

  sectionAttendance(sectionId: string) {
    const view = this.view(sectionId);
    const state = view.state;
    return {
      sectionId,
      level: state.section.level,
      timezone: state.section.timezone,
      generatedAt: this.clock().toISOString(),
      finalized: state.finalizedAt !== undefined,
      items: [...state.items.values()].filter((i) => !i.cancelled).map(itemSummary),
      students: this.activeStudentIds(state).map((id) => this.studentRow(view, id)!),
      findings: sectionFindings(state.section, state.policy, [...state.items.values()], this.activeStudentIds(state).length, view.markedItems, this.clock().getTime()),
    };
  }

  /** Sections a faculty member teaches, or every section for the other roles that may read them. */
  sectionList(instructor?: string) {
    const sections = this.projection
      .sectionIds()
      .map((id) => this.projection.section(id)!)
      .filter((view) => view.state.definition && (instructor === undefined || view.state.definition.instructors.includes(instructor)))
      .map((view) => {
        const d = view.state.definition!;
        return {
          sectionId: d.sectionId,
          termId: d.termId,
          courseCode: d.courseCode,
          title: d.title,
          level: d.level,
          instructors: d.instructors,
          students: this.activeStudentIds(view.state).length,
          finalized: view.state.finalizedAt !== undefined,
        };
      })
      .sort((a, b) => (a.sectionId < b.sectionId ? -1 : 1));
    return { sections };
  }

  studentRecord(sectionId: string, studentId: string) {
    const view = this.view(sectionId);
    const live = this.evaluate(view, studentId, undefined, true);
    if (!live) throw new NotFoundException(`student ${studentId} is not enrolled in section ${sectionId}`);
    const items = live.items.map((i) => ({ ...i, ...itemSummary(view.state.items.get(i.itemId)!) }));
    return {
      sectionId,
      timezone: view.state.section.timezone,
      ...this.studentRow(view, studentId)!,
      items,
      logins: loginCompliance(view.accessesByStudent.get(studentId) ?? [], view.state.section.timezone, view.state.policy),
    };
  }

  studentSections(studentId: string) {
    const sections = this.projection
      .sectionIdsOf(studentId)
      .map((sectionId) => this.projection.section(sectionId))
      .flatMap((view) => {
        const r = view && this.studentRow(view, studentId);
        return r ? [{ sectionId: view.sectionId, level: view.state.section?.level, timezone: view.state.section?.timezone, ...r }] : [];
      });
    return { studentId, sections };
  }

  eligibility(sectionId: string, asOf?: number) {
    const view = this.view(sectionId);
    const moment = this.eligibilityMoment(view, asOf);
    const state = moment === undefined ? view.state : view.stateAsOf(moment);
    const students = this.activeStudentIds(state).map((studentId) => {
      const e = this.evaluate(view, studentId, moment)!;
      return { studentId, eligible: e.eligible, status: e.status, reasons: e.reasons };
    });
    return {
      sectionId,
      asOf: new Date(asOf ?? this.clock().getTime()).toISOString(),
      finalized: view.state.finalizedAt !== undefined && moment === view.state.finalizedAt,
      students,
    };
  }
}
