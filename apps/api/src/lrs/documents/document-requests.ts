import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Clock } from '@attendance/event-store';
import type { FastifyReply } from 'fastify';
import { CLOCK } from '../../config/tokens';
import type { RawRequest } from '../../platforms/raw-request';
import { LrsAccess } from '../lrs-access';
import { LrsRequest, lrsRequest } from '../lrs-request';
import { DocumentAddress, documentAddress, requireDocumentId } from './document-parameters';
import type { DocumentResourceSpec } from './document-scope';
import { decideDelete, decidePost, decidePut, Preconditions, WriteRequest } from './documents-decide';
import { bytesOf, documentIds } from './documents-fold';
import { ScopeDocuments } from './scope-documents';

/** A header value Node will send: visible ASCII, spaces and tabs (a form field of the alternate syntax could hold anything). */
const isHeaderValue = (value: string) => /^[\t\x20-\x7e]*$/.test(value);

/**
 * A request to a document resource (state, activity profile, agent profile), in either request
 * syntax: authenticated, its parameters read, then GET (or HEAD), PUT, POST or DELETE on the scope.
 */
@Injectable()
export class DocumentRequests {
  constructor(
    private readonly access: LrsAccess,
    private readonly documents: ScopeDocuments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(spec: DocumentResourceSpec, raw: RawRequest, reply: FastifyReply): Promise<FastifyReply> {
    const request = lrsRequest(raw);
    await this.access.check(request, reply);
    const address = documentAddress(spec, request.query);
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        return this.get(spec, address, request, raw, reply);
      case 'PUT': {
        const write = this.write(spec, address, request);
        await this.documents.change(address.scope, (state) => decidePut(state, write, spec.putNeedsPrecondition));
        return reply.status(204).send();
      }
      case 'POST': {
        const write = this.write(spec, address, request);
        await this.documents.change(address.scope, (state) => decidePost(state, write));
        return reply.status(204).send();
      }
      case 'DELETE': {
        const documentId = spec.deleteAll ? address.documentId : requireDocumentId(spec, address);
        const now = this.clock().toISOString();
        await this.documents.change(address.scope, (state) => decideDelete(state, { scope: address.scope, documentId, preconditions: preconditionsOf(request), now }));
        return reply.status(204).send();
      }
    }
  }

  private async get(spec: DocumentResourceSpec, address: DocumentAddress, request: LrsRequest, raw: RawRequest, reply: FastifyReply): Promise<FastifyReply> {
    // A HEAD in the alternate syntax arrives as a POST: only the headers go back. A real HEAD's body Fastify drops itself, after counting it.
    const headOnly = request.method === 'HEAD' && raw.method !== 'HEAD';
    const { state } = await this.documents.load(address.scope);
    if (address.documentId === undefined) {
      const ids = documentIds(state, address.sinceMs);
      void reply.header('content-type', 'application/json; charset=utf-8');
      return reply.status(200).send(headOnly ? undefined : JSON.stringify(ids));
    }
    const document = state.documents.get(address.documentId);
    if (!document) throw new NotFoundException(`${spec.idParameter}: there is no document ${address.documentId} here`);
    void reply
      .header('content-type', isHeaderValue(document.contentType) && document.contentType !== '' ? document.contentType : 'application/octet-stream')
      .header('etag', `"${document.etag}"`)
      .header('last-modified', new Date(document.updatedMs).toUTCString());
    return reply.status(200).send(headOnly ? undefined : bytesOf(document));
  }

  private write(spec: DocumentResourceSpec, address: DocumentAddress, request: LrsRequest): WriteRequest {
    const documentId = requireDocumentId(spec, address);
    const contentType = (request.headers['content-type'] ?? '').trim();
    if (!isHeaderValue(contentType)) throw new BadRequestException('Content-Type: holds characters a header cannot');
    return { scope: address.scope, documentId, content: { contentType, bytes: request.raw }, preconditions: preconditionsOf(request), now: this.clock().toISOString() };
  }
}

function preconditionsOf(request: LrsRequest): Preconditions {
  return { ifMatch: request.headers['if-match'], ifNoneMatch: request.headers['if-none-match'] };
}
