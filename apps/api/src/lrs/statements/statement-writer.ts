import type { DomainEvent } from '@attendance/domain';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { XAPI_ATTACHMENT_STORED, XAPI_STATEMENT_STORED, xapiAttachmentStream, xapiStatementStream, XapiStatementStored } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import { canonicalJson } from '@attendance/platforms/xapi/canonical-json';
import { isPlainObject } from '@attendance/platforms/xapi/formats';
import { CLOCK, EVENT_STORE } from '../../config/tokens';
import { AttendanceProjection } from '../../projection/attendance.projection';
import { writePosition } from '../../store/write-position';
import type { LrsAuthority } from '../lrs-access';
import type { Attachment } from './attachments';

/**
 * Stores the LRS's statements, all of a request or none: each once by id as an event, a statement
 * sent without an id given a fresh one; the same id with another statement is a conflict. Answers
 * once the statements can be queried here.
 */
@Injectable()
export class StatementWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projection: AttendanceProjection,
  ) {}

  async storeAll(received: Array<Record<string, unknown>>, authority: LrsAuthority, attachments: Attachment[] = []): Promise<Array<{ statement: Record<string, unknown>; isNew: boolean }>> {
    const statements = received.map((s) => normalised({ ...s, id: typeof s.id === 'string' ? s.id.toLowerCase() : randomUUID() }));
    const ids = new Set<string>();
    for (const s of statements) {
      if (ids.has(s.id as string)) throw new BadRequestException(`id: ${String(s.id)} is given to two statements of the batch`);
      ids.add(s.id as string);
    }
    await this.projection.waitForHead();
    const index = this.projection.model.xapiStatements;
    const existing = statements.map((s) => index.byId(s.id as string));
    existing.forEach((found, i) => {
      if (found && !sameStatement(found.received, statements[i])) throw new ConflictException(`id: statement ${String(statements[i].id)} is already stored, with different content`);
    });
    this.checkVoiding(statements, index);
    const stored = this.clock().toISOString();
    const results = await Promise.all([
      ...attachments.map((a) =>
        this.store.appendToStream(xapiAttachmentStream(a.sha2), [{ id: `xapi-attachment:${a.sha2}`, type: XAPI_ATTACHMENT_STORED, data: { sha2: a.sha2, contentType: a.contentType, content: a.content.toString('base64') } }]),
      ),
      ...statements.map((statement, i) =>
        existing[i]
          ? undefined
          : this.store.appendToStream(xapiStatementStream(statement.id as string), [
              { id: `xapi-statement:${String(statement.id)}`, type: XAPI_STATEMENT_STORED, data: { statement, stored, authority } satisfies XapiStatementStored },
            ]),
      ),
    ]);
    const written = results.filter((r) => r !== undefined).map((r) => r.position);
    if (written.length > 0) await this.projection.waitFor(await writePosition(this.store, written));
    return statements.map((statement, i) => ({ statement, isNew: !existing[i] }));
  }

  /** A voiding statement must name a statement that is not itself a voiding one (xAPI 1.0.3 §2.3.2). */
  private checkVoiding(statements: Array<Record<string, unknown>>, index: AttendanceProjection['model']['xapiStatements']): void {
    for (const statement of statements) {
      if (!isPlainObject(statement.verb) || statement.verb.id !== 'http://adlnet.gov/expapi/verbs/voided') continue;
      const object = statement.object;
      if (!isPlainObject(object) || object.objectType !== 'StatementRef') throw new BadRequestException('object: a voiding statement\'s object must be a StatementRef');
      const target = index.byId(String(object.id));
      const targetVerb = target && isPlainObject(target.statement.verb) ? target.statement.verb.id : undefined;
      if (targetVerb === 'http://adlnet.gov/expapi/verbs/voided') throw new BadRequestException('object.id: a voiding statement cannot be voided');
    }
  }
}

/** Two copies of a statement are the same statement when they differ only in what the LRS sets. */
function sameStatement(kept: Record<string, unknown>, received: Record<string, unknown>): boolean {
  const strip = (s: Record<string, unknown>) => {
    const copy = { ...s };
    for (const key of ['stored', 'authority', 'version']) delete copy[key];
    return canonicalJson(copy);
  };
  return strip(kept) === strip(received);
}

/** contextActivities values are arrays, as the LRS answers them, in the statement and in a SubStatement. */
function normalised(statement: Record<string, unknown>): Record<string, unknown> {
  const out = { ...statement };
  if (isPlainObject(out.context)) out.context = withArrays(out.context);
  if (isPlainObject(out.object) && out.object.objectType === 'SubStatement' && isPlainObject(out.object.context)) out.object = { ...out.object, context: withArrays(out.object.context) };
  return out;
}

function withArrays(context: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(context.contextActivities)) return context;
  const activities = Object.fromEntries(Object.entries(context.contextActivities).map(([kind, value]) => [kind, Array.isArray(value) ? value : [value]]));
  return { ...context, contextActivities: activities };
}
