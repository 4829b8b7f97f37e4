import type { StoredEvent } from '@attendance/event-store';
import { ACCESS_EVENT_SCHEMAS, StudentDocumentsErased, StudentRecordRead, StudentRecordsRead, TokenIssued } from './access/access.events';
import { FACT_RECORDED, FactRecorded, storedFactProblem } from './facts/fact.events';
import { NOTICE_RECORDED, NoticeRecorded, readNotice } from './notices/notice.events';
import { LeaseRenewed, OPERATIONS_EVENT_SCHEMAS, StoreIdentified } from './operations/operations.events';
import { OUTBOUND_EVENT_SCHEMAS, OutboundDelivered, OutboundWebhookSet } from './outbound/outbound.events';
import {
  PLATFORM_EVENT_SCHEMAS,
  PLATFORM_FACT_RECEIVED,
  PlatformFactReceived,
  PlatformReportImported,
  StudentIdentitiesSet,
} from './platforms/platform.events';
import { definitionProblems, itemProblems } from './sections/section-checks';
import { isSectionEventType, SECTION_EVENT_SCHEMAS, SectionDefined, SectionEvent } from './sections/section.events';
import { factTimeProblem, parseInstant } from './time';
import { MAIL_EVENT_SCHEMAS, MailEvent } from './mail/mail.events';
import { parseScope, POLICY_EVENT_SCHEMAS, POLICY_SET, PolicySet } from './policies/policy.events';
import { policyProblems } from '@attendance/rules';
import { XAPI_EVENT_SCHEMAS, XapiAttachmentStored, XapiStatementStored } from './xapi/xapi.events';
import { XAPI_DOCUMENT_EVENT_SCHEMAS, XapiDocumentEvent } from './xapi/xapi-document.events';

/** Every event the service writes, by type, with its data. */
export type DomainEvent =
  | SectionEvent
  | { type: 'FactRecorded'; data: FactRecorded }
  | { type: 'NoticeRecorded'; data: NoticeRecorded }
  | { type: 'PlatformFactReceived'; data: PlatformFactReceived }
  | { type: 'StudentIdentitiesSet'; data: StudentIdentitiesSet }
  | { type: 'PlatformReportImported'; data: PlatformReportImported }
  | { type: 'OutboundWebhookSet'; data: OutboundWebhookSet }
  | { type: 'OutboundDelivered'; data: OutboundDelivered }
  | { type: 'StoreIdentified'; data: StoreIdentified }
  | { type: 'LeaseRenewed'; data: LeaseRenewed }
  | { type: 'TokenIssued'; data: TokenIssued }
  | { type: 'StudentRecordRead'; data: StudentRecordRead }
  | { type: 'StudentRecordsRead'; data: StudentRecordsRead }
  | { type: 'StudentDocumentsErased'; data: StudentDocumentsErased }
  | MailEvent
  | { type: 'PolicySet'; data: PolicySet }
  | { type: 'XapiStatementStored'; data: XapiStatementStored }
  | { type: 'XapiAttachmentStored'; data: XapiAttachmentStored }
  | XapiDocumentEvent;
export type DomainEventType = DomainEvent['type'];

/** A stored event read as a domain event: the store's envelope with typed data. */
export type TypedEvent<E extends DomainEvent = DomainEvent> = Omit<StoredEvent, 'type' | 'data'> & E;

/** What reading a stored event gives: the typed event, or why it cannot be used. */
export type ReadResult = { event: TypedEvent } | { problem: string };

const SCHEMAS: Record<string, { problems(value: unknown): string[] }> = {
  ...SECTION_EVENT_SCHEMAS,
  ...PLATFORM_EVENT_SCHEMAS,
  ...OUTBOUND_EVENT_SCHEMAS,
  ...OPERATIONS_EVENT_SCHEMAS,
  ...ACCESS_EVENT_SCHEMAS,
  ...XAPI_EVENT_SCHEMAS,
  ...MAIL_EVENT_SCHEMAS,
  ...POLICY_EVENT_SCHEMAS,
  ...XAPI_DOCUMENT_EVENT_SCHEMAS,
};

/** What an event must mean beyond its shape, so that no reader can be broken by it. */
function meaningProblem(stored: StoredEvent): string | undefined {
  const data = stored.data as never;
  if (stored.type === 'SectionDefined') return definitionProblems(data as SectionDefined).join('; ') || undefined;
  if (stored.type === 'ItemScheduled') return itemProblems(data).join('; ') || undefined;
  if (stored.type === POLICY_SET) {
    const { scope, policy } = data as PolicySet;
    if (!parseScope(scope)) return `scope ${scope} is not a policy scope`;
    return policyProblems(policy).join('; ') || undefined;
  }
  if (stored.type === PLATFORM_FACT_RECEIVED) {
    const problem = factTimeProblem(parseInstant((data as PlatformFactReceived).fact.occurredAt)!, stored.recordedAt.getTime());
    return problem && `fact.occurredAt ${problem}`;
  }
  return undefined;
}

/**
 * Reads a stored event as the domain event it claims to be. Whatever the store holds — events
 * of an older version, of another tool, or hand-written — the answer is a typed event that every
 * reader can use safely, or the reason it is skipped. Types the service does not know answer
 * undefined: they are someone else's, and every reader leaves them alone.
 */
export function readEvent(stored: StoredEvent): ReadResult | undefined {
  const { type, data } = stored;
  if (type === FACT_RECORDED) {
    const problem = storedFactProblem(data, stored.recordedAt.getTime());
    return problem ? { problem } : { event: stored as TypedEvent };
  }
  if (type === NOTICE_RECORDED) {
    const notice = readNotice(data);
    return 'problem' in notice ? notice : { event: { ...stored, type, data: notice } };
  }
  const schema = SCHEMAS[type];
  if (!schema) return undefined;
  const problems = schema.problems(data);
  if (problems.length > 0) return { problem: problems.join('; ') };
  const problem = meaningProblem(stored);
  return problem ? { problem } : { event: stored as TypedEvent };
}

export const isSectionEvent = (event: TypedEvent): event is TypedEvent<SectionEvent> => isSectionEventType(event.type);
