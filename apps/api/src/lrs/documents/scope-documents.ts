import { BadRequestException, ConflictException, Inject, Injectable, PreconditionFailedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvent, TypedEvent, XAPI_DOCUMENT_PUT, XAPI_DOCUMENTS_DELETED, XapiDocumentEvent, XapiDocumentScope } from '@attendance/domain';
import { EventStore, WrongExpectedRevisionError } from '@attendance/event-store';
import { EVENT_STORE } from '../../config/tokens';
import { SkippedEvents } from '../../store/skipped-events';
import type { Decision, Refusal } from './documents-decide';
import { DocumentsState, evolveDocuments, foldDocuments } from './documents-fold';
import { scopeStream } from './document-scope';
import { FoldedScope, ScopeCache } from './scope-cache';

const MAX_ATTEMPTS = 5;

const isDocumentEvent = (event: TypedEvent): event is TypedEvent<XapiDocumentEvent> => event.type === XAPI_DOCUMENT_PUT || event.type === XAPI_DOCUMENTS_DELETED;

function refusalError(refusal: Refusal): Error {
  if (refusal.status === 409) return new ConflictException(refusal.message);
  if (refusal.status === 412) return new PreconditionFailedException(refusal.message);
  return new BadRequestException(refusal.message);
}

/**
 * One scope's documents, read from its stream and changed by appending to it at the revision the
 * change was decided on: two instances (or two requests) changing the same scope at once decide
 * again on what the other wrote, so If-Match and If-None-Match hold across instances.
 */
@Injectable()
export class ScopeDocuments {
  private readonly cache = new ScopeCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    private readonly skipped: SkippedEvents,
  ) {}

  async load(scope: XapiDocumentScope): Promise<FoldedScope> {
    const stream = scopeStream(scope);
    const last = await this.store.readLastEvent(stream);
    const cached = this.cache.get(stream, last ? last.revision : 'no_stream');
    if (cached) return cached;
    const events = await this.store.readStream(stream);
    const folded: FoldedScope = { state: foldDocuments(this.skipped.readAll(events).filter(isDocumentEvent)), revision: events.at(-1)?.revision ?? 'no_stream' };
    this.cache.set(stream, folded);
    return folded;
  }

  /** Decides on the scope's current documents and appends what was decided; a refusal becomes the HTTP error it names. */
  async change(scope: XapiDocumentScope, decide: (state: DocumentsState) => Decision): Promise<void> {
    const stream = scopeStream(scope);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(scope);
      const decision = decide(state);
      if ('refused' in decision) throw refusalError(decision.refused);
      if (decision.events.length === 0) return;
      try {
        const result = await this.store.appendToStream(
          stream,
          decision.events.map((event) => ({ ...event, id: randomUUID() })),
          { expectedRevision: revision },
        );
        // The cached state is never changed in place: readers may hold it.
        const next: DocumentsState = { documents: new Map(state.documents) };
        for (const event of decision.events) evolveDocuments(next, event);
        this.cache.set(stream, { state: next, revision: result.nextExpectedRevision });
        return;
      } catch (error) {
        this.cache.forget(stream);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
