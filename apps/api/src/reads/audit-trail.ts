import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable } from '@nestjs/common';
import { auditReadsStream, STUDENT_RECORDS_READ, StudentRecordRead } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { AttendanceProjection } from '../projection/attendance.projection';

/** Every read of a student's record is written down before it is answered: who, what, when. */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projection: AttendanceProjection,
  ) {}

  async recordRead(by: Principal, studentId: string, what: string): Promise<void> {
    await this.recordReads(by, [studentId], what);
  }

  /** A read that shows several students (a roster, an eligibility list, a live feed): one entry naming each of them. */
  async recordReads(by: Principal, studentIds: string[], what: string): Promise<void> {
    if (studentIds.length === 0) return;
    const at = this.clock().toISOString();
    await this.store.appendToStream(auditReadsStream(at), [{ id: randomUUID(), type: STUDENT_RECORDS_READ, data: { studentIds, by: { role: by.role, subject: by.subject, ...(by.signedIn ? { signedIn: by.signedIn } : {}) }, what, at } }]);
  }

  /** Newest first, every read written down before this question included. */
  async readsOf(studentId: string): Promise<StudentRecordRead[]> {
    await this.projection.waitFor(await this.store.headPosition());
    return this.projection.model.recordReads.readsOf(studentId);
  }
}
