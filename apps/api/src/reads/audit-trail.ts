import { Inject, Injectable } from '@nestjs/common';
import type { Clock, EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { CLOCK, EVENT_STORE } from '../config/tokens';

export interface StudentRecordRead {
  studentId: string;
  by: { role: string; subject: string };
  what: string;
  at: string;
}

const auditStream = (studentId: string) => `audit-student-${studentId}`;

/** Every read of one student's record is written down before it is answered: who, what, when. */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recordRead(by: Principal, studentId: string, what: string): Promise<void> {
    const data: StudentRecordRead = { studentId, by: { role: by.role, subject: by.subject }, what, at: this.clock().toISOString() };
    await this.store.appendToStream(auditStream(studentId), [{ id: randomUUID(), type: 'StudentRecordRead', data }]);
  }

  async readsOf(studentId: string): Promise<StudentRecordRead[]> {
    return (await this.store.readStream(auditStream(studentId))).map((e) => e.data as StudentRecordRead).reverse();
  }
}
