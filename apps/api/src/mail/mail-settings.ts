import type { DomainEvent, TypedEvent } from '@attendance/domain';
import { Inject, Injectable } from '@nestjs/common';
import {
  ADVISOR_ASSIGNED,
  advisorStream,
  identitiesStream,
  SECTION_NOTICE_COPIES_SET,
  sectionNoticeCopiesStream,
  STAFF_CONTACT_SET,
  staffContactStream,
  StaffContact,
  STUDENT_IDENTITIES_SET,
  STUDENT_PREFERENCES_SET,
  studentPreferencesStream,
  StudentPreferences,
} from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '../config/tokens';
import { SkippedEvents } from '../store/skipped-events';

/**
 * Who hears a notice and how, kept as events, one stream per setting (the last event is the
 * setting): staff contacts, a student's preferences, advisors of a student or a section, a
 * section's copies to its instructors. Read at the moment a notice is mailed.
 */
@Injectable()
export class MailSettings {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  setStaffContact(staffId: string, contact: StaffContact) {
    return this.append(staffContactStream(staffId), { type: STAFF_CONTACT_SET, data: { staffId, contact } });
  }

  setPreferences(studentId: string, preferences: StudentPreferences) {
    return this.append(studentPreferencesStream(studentId), { type: STUDENT_PREFERENCES_SET, data: { studentId, preferences } });
  }

  assignAdvisor(scope: 'student' | 'section', id: string, advisorId: string) {
    return this.append(advisorStream(scope, id), { type: ADVISOR_ASSIGNED, data: { scope, id, advisorId } });
  }

  setCopies(sectionId: string, instructors: boolean) {
    return this.append(sectionNoticeCopiesStream(sectionId), { type: SECTION_NOTICE_COPIES_SET, data: { sectionId, copies: { instructors } } });
  }

  async staffContact(staffId: string): Promise<StaffContact | undefined> {
    const event = await this.last(staffContactStream(staffId));
    return event?.type === STAFF_CONTACT_SET ? event.data.contact : undefined;
  }

  async preferences(studentId: string): Promise<StudentPreferences | undefined> {
    const event = await this.last(studentPreferencesStream(studentId));
    return event?.type === STUDENT_PREFERENCES_SET ? event.data.preferences : undefined;
  }

  /** The student's own advisor, else the section's. */
  async advisorOf(sectionId: string, studentId: string): Promise<string | undefined> {
    for (const [scope, id] of [['student', studentId], ['section', sectionId]] as const) {
      const event = await this.last(advisorStream(scope, id));
      if (event?.type === ADVISOR_ASSIGNED) return event.data.advisorId;
    }
    return undefined;
  }

  async copiesToInstructors(sectionId: string): Promise<boolean> {
    const event = await this.last(sectionNoticeCopiesStream(sectionId));
    return event?.type === SECTION_NOTICE_COPIES_SET && event.data.copies.instructors;
  }

  async studentEmail(studentId: string): Promise<string | undefined> {
    const event = await this.last(identitiesStream(studentId));
    return event?.type === STUDENT_IDENTITIES_SET ? event.data.identities.email : undefined;
  }

  private async last(streamId: string): Promise<TypedEvent | undefined> {
    const stored = await this.store.readLastEvent(streamId);
    return stored && this.skipped.read(stored);
  }

  private async append(streamId: string, event: DomainEvent): Promise<string> {
    const { position } = await this.store.appendToStream(streamId, [{ id: randomUUID(), ...event }]);
    return String(position);
  }
}
