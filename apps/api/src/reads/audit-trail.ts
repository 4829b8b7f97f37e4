import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable } from '@nestjs/common';
import { auditStream, STUDENT_RECORD_READ, StudentRecordRead } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { SkippedEvents } from '../store/skipped-events';

/** Every read of one student's record is written down before it is answered: who, what, when. */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly skipped: SkippedEvents,
  ) {}

  async recordRead(by: Principal, studentId: string, what: string): Promise<void> {
    await this.recordReads(by, [studentId], what);
  }

  /** A read that shows several students (a roster, an eligibility list, a live feed): each of them gets the entry. */
  async recordReads(by: Principal, studentIds: string[], what: string): Promise<void> {
    const at = this.clock().toISOString();
    // All appends go out together, so the store commits them as one group.
    await Promise.all(
      studentIds.map((studentId) => {
        const data: StudentRecordRead = { studentId, by: { role: by.role, subject: by.subject }, what, at };
        return this.store.appendToStream(auditStream(studentId), [{ id: randomUUID(), type: STUDENT_RECORD_READ, data }]);
      }),
    );
  }

  async readsOf(studentId: string): Promise<StudentRecordRead[]> {
    const events = this.skipped.readAll(await this.store.readStream(auditStream(studentId)));
    return events.flatMap((e) => (e.type === STUDENT_RECORD_READ ? [e.data] : [])).reverse();
  }
}
