import { Command } from '@nestjs/cqrs';
import type { Principal } from '../auth/principal';
import type { CorrectionRecorded, decide, ExcuseRecorded, ExcuseRequested, ItemScheduled, SectionDefined, WaiverGranted } from '@attendance/domain';

export type SectionChange =
  | { kind: 'define'; data: SectionDefined }
  | { kind: 'enroll'; studentId: string; enrolledAt: string }
  | { kind: 'drop'; studentId: string }
  | { kind: 'schedule-item'; data: ItemScheduled }
  | { kind: 'cancel-item'; itemId: string }
  | { kind: 'excuse'; data: ExcuseRecorded }
  | { kind: 'request-excuse'; data: ExcuseRequested }
  | { kind: 'decide-excuse'; requestId: string; decision: decide.ExcuseDecision }
  | { kind: 'revoke-excuse'; excuseId: string; reason: string }
  | { kind: 'correct'; data: CorrectionRecorded }
  | { kind: 'waive'; data: WaiverGranted }
  | { kind: 'finalize'; reason?: string }
  | { kind: 'reopen'; reason?: string };

/** One change to a section's configuration or decisions, by someone. Answers the position written. */
export class ChangeSection extends Command<{ position: bigint }> {
  constructor(
    readonly sectionId: string,
    readonly change: SectionChange,
    readonly by: Principal,
  ) {
    super();
  }
}
