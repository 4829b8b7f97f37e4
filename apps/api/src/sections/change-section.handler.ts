import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Clock, EventStore } from '@attendance/event-store';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceReader } from '../projection/attendance-reader';
import { AttendanceProjection } from '../projection/attendance.projection';
import { ChangeSection } from './change-section.command';
import { decide, SectionEvent, SectionRuleViolation, SectionState } from '@attendance/domain';
import type { StudentEvaluation } from '@attendance/rules';
import { SectionRepository } from './section-repository';
import type { Principal } from '../auth/principal';
import { actor, assertScope, councilWhoseTurn } from './section-scope';

@CommandHandler(ChangeSection)
export class ChangeSectionHandler implements ICommandHandler<ChangeSection> {
  constructor(
    private readonly sections: SectionRepository,
    private readonly projection: AttendanceProjection,
    private readonly reader: AttendanceReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ sectionId, change, by }: ChangeSection): Promise<{ position: bigint }> {
    // A waiver's floor is judged on every fact accepted so far.
    const standing = change.kind === 'waive' ? await this.standingOf(sectionId, change.data.studentId) : undefined;
    // A waiver's floor, and who accepts an excuse, are the section's policy in force now (institution versions included).
    const policy = standing || change.kind === 'decide-excuse' ? (await this.reader.policyNow(sectionId)).policy : undefined;
    return this.sections.update(sectionId, (folded) => {
      const state = policy ? Object.assign({}, folded, { policy }) : folded;
      assertScope(by, sectionId, state);
      return this.decide(sectionId, state, change, by, standing);
    });
  }

  private async standingOf(sectionId: string, studentId: string): Promise<StudentEvaluation | undefined> {
    await this.projection.waitFor(await this.store.headPosition());
    if (!this.reader.instructorsOf(sectionId)) return undefined;
    return this.reader.evaluate(await this.reader.view(sectionId), studentId);
  }

  private decide(sectionId: string, state: SectionState, change: ChangeSection['change'], principal: Principal, standing?: StudentEvaluation): SectionEvent[] {
    const now = this.clock().toISOString();
    const by = principal.subject;
    switch (change.kind) {
      case 'define':
        return decide.defineSection(state, change.data);
      case 'enroll':
        return decide.enroll(state, sectionId, change.studentId, change.enrolledAt);
      case 'drop':
        return decide.drop(state, sectionId, change.studentId, now);
      case 'schedule-item':
        return decide.scheduleItem(state, change.data);
      case 'cancel-item':
        return decide.cancelItem(state, sectionId, change.itemId);
      case 'excuse':
        return decide.recordExcuse(state, change.data);
      case 'request-excuse':
        return decide.requestExcuse(state, change.data);
      case 'decide-excuse': {
        const council = principal.role === 'department' || principal.role === 'college' ? principal.role : councilWhoseTurn(state, change.requestId);
        return decide.decideExcuseRequest(state, change.requestId, council, actor(principal), change.decision, state.policy, now);
      }
      case 'revoke-excuse':
        return decide.revokeExcuse(state, change.excuseId, actor(principal), change.reason);
      case 'correct':
        return decide.recordCorrection(state, change.data);
      case 'waive':
        return decide.grantWaiver(state, change.data, standing);
      case 'finalize':
        return decide.finalize(state, sectionId, by, change.reason);
      case 'reopen':
        return decide.reopen(state, sectionId, by, change.reason);
    }
  }
}
