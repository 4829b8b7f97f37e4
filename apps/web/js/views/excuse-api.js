/**
 * The excuse requests' routes (rules R7): documents sent as their own bytes, requests, the
 * councils' queue, their decisions one by one or at a sitting, and revocation. Every write
 * answers `position`; the reads after it pass it as `after` (read-your-writes).
 */
import { ApiError, authHeaders, errorOf, get, path, post, urlOf } from '../api.js';
import { t } from '../i18n.js';

/** The types the service keeps; it types a document by its content, never by its name or header. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store' });
  } catch {
    throw new ApiError(0, t('error.network'));
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/**
 * POST /students/{id}/documents with the file itself as the body. A file of another type (a text
 * file, or one the browser could not type) goes as `application/octet-stream`: the service has no
 * reader for `text/plain` or a missing type here and would answer about forms and JSON instead of
 * saying the content is not a PDF, PNG or JPEG.
 */
export async function uploadDocument(studentId, file) {
  const type = DOCUMENT_TYPES.includes(file.type) ? file.type : 'application/octet-stream';
  const headers = { ...authHeaders(undefined, 'POST'), accept: 'application/json', 'content-type': type };
  const response = await send(urlOf(path`/students/${studentId}/documents`, { name: file.name }), { method: 'POST', headers, body: file });
  return response.json();
}

/** A document of a request, as a Blob (410 once erased). */
export async function documentBlob(requestId, documentId) {
  const response = await send(urlOf(path`/excuse-requests/${requestId}/documents/${documentId}`), { headers: { ...authHeaders(), accept: '*/*' } });
  return response.blob();
}

export const submitRequest = (sectionId, body) => post(path`/sections/${sectionId}/excuse-requests`, body);

/** The student's own requests, newest first (the student, registrars, admins). */
export const requestsOf = (studentId, after) => get(path`/students/${studentId}/excuse-requests`, { after });

/** The councils' queue, oldest first; a council gets only its own department's or college's. */
export const queue = (query, after) => get('/excuse-requests', { query, after });

export const decide = (requestId, decision) => post(path`/excuse-requests/${requestId}/decision`, decision);

/** A sitting: many decisions in one request, each taken or refused on its own. */
export const sitting = (decisions) => post('/excuse-requests/decisions', { decisions });

/** An accepted request's excuse has the request's id. */
export const revoke = (request, reason) => post(path`/sections/${request.sectionId}/excuses/${request.requestId}/revocation`, { reason });
