import type { DomainEvent } from '@attendance/domain';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { XAPI_STATEMENT_STORED, xapiStatementStream, XapiStatementStored } from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { canonicalJson } from '@attendance/platforms/xapi/canonical-json';
import { statementFingerprint } from '@attendance/platforms/xapi';
import { EVENT_STORE } from '../config/tokens';
import { SkippedEvents } from '../store/skipped-events';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A statement without an id gets one made from its content, so a resend (Moodle's logstore_xapi) is the same statement. */
function idFor(statement: Record<string, unknown>): string {
  if (typeof statement.id === 'string' && UUID.test(statement.id)) return statement.id.toLowerCase();
  const hex = statementFingerprint(statement).slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The LRS's statements, each stored once by id as received: the same id with another body is a conflict. */
@Injectable()
export class XapiStatements {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  /** Stores all or none; answers the statements with their ids, and which were new. */
  async storeAll(statements: Array<Record<string, unknown>>, authority: string, stored: string): Promise<Array<{ statement: Record<string, unknown>; isNew: boolean }>> {
    const withIds = statements.map((s) => ({ ...s, id: idFor(s) }));
    const seen = new Map<string, string>();
    for (const s of withIds) {
      const body = canonicalJson(s);
      if (seen.has(s.id) && seen.get(s.id) !== body) throw new BadRequestException(`two statements of the batch have the id ${s.id} and differ`);
      seen.set(s.id, body);
    }
    const existing = await Promise.all(withIds.map((s) => this.get(s.id)));
    existing.forEach((found, i) => {
      if (found && canonicalJson(found.statement) !== canonicalJson(withIds[i])) throw new ConflictException(`statement ${withIds[i].id} is already stored with a different body`);
    });
    const account = { homePage: 'urn:attendance-tracker:token', name: authority };
    await Promise.all(
      withIds.map((statement, i) =>
        existing[i]
          ? undefined
          : this.store.appendToStream(xapiStatementStream(statement.id), [
              { id: `xapi-statement:${statement.id}`, type: XAPI_STATEMENT_STORED, data: { statement, stored, authority: { objectType: 'Agent', account } } satisfies XapiStatementStored },
            ]),
      ),
    );
    return withIds.map((statement, i) => ({ statement, isNew: !existing[i] }));
  }

  async get(id: string): Promise<XapiStatementStored | undefined> {
    const [event] = this.skipped.readAll(await this.store.readStream(xapiStatementStream(id.toLowerCase())));
    return event?.type === XAPI_STATEMENT_STORED ? event.data : undefined;
  }
}
