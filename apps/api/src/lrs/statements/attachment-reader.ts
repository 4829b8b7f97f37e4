import type { DomainEvent } from '@attendance/domain';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { XAPI_ATTACHMENT_STORED, xapiAttachmentStream } from '@attendance/domain';
import type { EventStore } from '@attendance/event-store';
import { buildMultipart, Part } from '@attendance/platforms/xapi';
import { isPlainObject } from '@attendance/platforms/xapi/formats';
import { EVENT_STORE } from '../../config/tokens';
import { SkippedEvents } from '../../store/skipped-events';

/** Answers statements with their attachments (`attachments=true`): multipart/mixed, the statements first, then each attachment once. */
@Injectable()
export class AttachmentReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  async multipart(result: unknown, statements: Array<Record<string, unknown>>): Promise<{ boundary: string; body: Buffer }> {
    const hashes = new Set<string>();
    for (const statement of statements) {
      for (const attachment of Array.isArray(statement.attachments) ? statement.attachments : []) {
        if (isPlainObject(attachment) && typeof attachment.sha2 === 'string') hashes.add(attachment.sha2.toLowerCase());
      }
    }
    const parts: Part[] = [{ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) }];
    for (const sha2 of hashes) {
      const [event] = this.skipped.readAll(await this.store.readStream(xapiAttachmentStream(sha2)));
      if (event?.type !== XAPI_ATTACHMENT_STORED) continue;
      parts.push({
        headers: { 'Content-Type': event.data.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha2 },
        body: Buffer.from(event.data.content, 'base64'),
      });
    }
    const boundary = randomBytes(16).toString('hex');
    return { boundary, body: buildMultipart(parts, boundary) };
  }
}
