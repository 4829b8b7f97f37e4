import { XAPI_DOCUMENT_PUT, XAPI_DOCUMENTS_DELETED, XapiDocumentEvent, XapiDocumentScope } from '@attendance/domain';
import { decideDelete, decidePost, decidePut, etagOf, Preconditions, WriteRequest } from './documents-decide';
import { bytesOf, documentIds, DocumentsState, emptyDocuments, evolveDocuments, foldDocuments } from './documents-fold';

const scope: XapiDocumentScope = { resource: 'activity-profile', activityId: 'http://example.com/a' };
const json = (value: unknown) => ({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) });
const write = (documentId: string, content: WriteRequest['content'], preconditions: Preconditions = {}, now = '2026-01-01T00:00:00.000Z'): WriteRequest => ({ scope, documentId, content, preconditions, now });

/** Applies a decision's events, or fails the test with its refusal. */
function apply(state: DocumentsState, decision: ReturnType<typeof decidePut>): DocumentsState {
  if ('refused' in decision) throw new Error(`refused: ${decision.refused.status} ${decision.refused.message}`);
  for (const event of decision.events) evolveDocuments(state, event);
  return state;
}
const refusal = (decision: ReturnType<typeof decidePut>) => ('refused' in decision ? decision.refused.status : 'accepted');
const text = (state: DocumentsState, id: string) => bytesOf(state.documents.get(id)!).toString('utf8');

describe('the documents of one scope, folded from their events', () => {
  it('keeps the last version of each document and forgets the deleted ones', () => {
    const put = (documentId: string, content: string, updated: string): XapiDocumentEvent => ({
      type: XAPI_DOCUMENT_PUT,
      data: { scope, documentId, contentType: 'text/plain', content: Buffer.from(content).toString('base64'), etag: etagOf(Buffer.from(content)), updated },
    });
    const state = foldDocuments([
      put('a', 'one', '2026-01-01T00:00:00Z'),
      put('b', 'two', '2026-01-02T00:00:00Z'),
      put('a', 'three', '2026-01-03T00:00:00Z'),
      { type: XAPI_DOCUMENTS_DELETED, data: { scope, documentIds: ['b'], deleted: '2026-01-04T00:00:00Z' } },
    ]);
    expect([...state.documents.keys()]).toEqual(['a']);
    expect(text(state, 'a')).toBe('three');
    expect(state.documents.get('a')?.etag).toBe(etagOf(Buffer.from('three')));
  });

  it('lists the ids, or those changed after since', () => {
    const state = emptyDocuments();
    apply(state, decidePut(state, write('old', json({})), false));
    apply(state, decidePut(state, write('new', json({}), {}, '2026-03-01T00:00:00.000Z'), false));
    expect(documentIds(state)).toEqual(['old', 'new']);
    expect(documentIds(state, Date.parse('2026-02-01T00:00:00Z'))).toEqual(['new']);
    expect(documentIds(state, Date.parse('2026-03-01T00:00:00Z'))).toEqual([]);
  });
});

describe('deciding on documents', () => {
  it('PUT replaces; the same bytes again add no event', () => {
    const state = apply(emptyDocuments(), decidePut(emptyDocuments(), write('d', json({ a: 1 })), false));
    apply(state, decidePut(state, write('d', { contentType: 'text/plain', bytes: Buffer.from('hello') }), false));
    expect([state.documents.get('d')?.contentType, text(state, 'd')]).toEqual(['text/plain', 'hello']);
    expect(decidePut(state, write('d', { contentType: 'text/plain', bytes: Buffer.from('hello') }), false)).toEqual({ events: [] });
  });

  it('POST merges JSON objects one level deep, and stores a new document as PUT would', () => {
    const state = apply(emptyDocuments(), decidePost(emptyDocuments(), write('d', json({ car: { make: 'Ford' }, driver: 'Dale' }))));
    apply(state, decidePost(state, write('d', json({ car: { model: 'Ram' }, series: 1 }))));
    expect(JSON.parse(text(state, 'd'))).toEqual({ car: { model: 'Ram' }, driver: 'Dale', series: 1 });
  });

  it('POST refuses with 400 to merge anything but two JSON objects', () => {
    const state = apply(emptyDocuments(), decidePut(emptyDocuments(), write('json', json({ a: 1 })), false));
    apply(state, decidePut(state, write('bytes', { contentType: 'application/octet-stream', bytes: Buffer.from('/ asdf /') }), false));
    apply(state, decidePut(state, write('list', json([1, 2])), false));
    expect(refusal(decidePost(state, write('json', { contentType: 'text/plain', bytes: Buffer.from('abc') })))).toBe(400);
    expect(refusal(decidePost(state, write('json', json([1]))))).toBe(400);
    expect(refusal(decidePost(state, write('json', { contentType: 'application/json', bytes: Buffer.from('{"a":') })))).toBe(400);
    expect(refusal(decidePost(state, write('bytes', json({ b: 1 }))))).toBe(400);
    expect(refusal(decidePost(state, write('list', json({ b: 1 }))))).toBe(400);
  });

  it('a profile PUT says what it replaces: 409 without a header when the document exists, 400 when it does not', () => {
    const state = emptyDocuments();
    expect(refusal(decidePut(state, write('p', json({ a: 1 })), true))).toBe(400);
    apply(state, decidePut(state, write('p', json({ a: 1 }), { ifNoneMatch: '*' }), true));
    expect(refusal(decidePut(state, write('p', json({ a: 2 })), true))).toBe(409);
    // A state document needs no header.
    expect(refusal(decidePut(state, write('p', json({ a: 2 })), false))).toBe('accepted');
  });

  it('If-Match and If-None-Match hold for PUT, POST and DELETE (412 otherwise)', () => {
    const state = apply(emptyDocuments(), decidePut(emptyDocuments(), write('p', json({ a: 1 })), false));
    const etag = state.documents.get('p')!.etag;
    const wrong = '"1111111111111111111111111111111111111111"';
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifMatch: wrong }), true))).toBe(412);
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifNoneMatch: '*' }), true))).toBe(412);
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifNoneMatch: `"${etag}"` }), true))).toBe(412);
    expect(refusal(decidePut(state, write('new', json({ a: 2 }), { ifMatch: '*' }), true))).toBe(412);
    expect(refusal(decidePost(state, write('p', json({ b: 2 }), { ifMatch: wrong })))).toBe(412);
    expect(refusal(decideDelete(state, { scope, documentId: 'p', preconditions: { ifMatch: wrong }, now: '2026-01-02T00:00:00Z' }))).toBe(412);
    // The right tag, quoted or weak, in a list or as *.
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifMatch: `"${etag}"` }), true))).toBe('accepted');
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifMatch: `${wrong}, W/"${etag.toUpperCase()}"` }), true))).toBe('accepted');
    expect(refusal(decidePut(state, write('p', json({ a: 2 }), { ifMatch: '*' }), true))).toBe('accepted');
  });

  it('DELETE removes one document, or every one of the scope; nothing there, nothing appended', () => {
    const state = emptyDocuments();
    for (const id of ['a', 'b', 'c']) apply(state, decidePut(state, write(id, json({ id })), false));
    apply(state, decideDelete(state, { scope, documentId: 'b', preconditions: {}, now: '2026-01-02T00:00:00Z' }));
    expect(documentIds(state)).toEqual(['a', 'c']);
    expect(decideDelete(state, { scope, documentId: 'b', preconditions: {}, now: '2026-01-02T00:00:00Z' })).toEqual({ events: [] });
    apply(state, decideDelete(state, { scope, preconditions: {}, now: '2026-01-02T00:00:00Z' }));
    expect(documentIds(state)).toEqual([]);
    expect(decideDelete(state, { scope, preconditions: {}, now: '2026-01-02T00:00:00Z' })).toEqual({ events: [] });
  });
});
