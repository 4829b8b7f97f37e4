/**
 * The excuse requests' routes (rules R7): documents sent as their own bytes, requests, the
 * councils' queue, their decisions one by one or at a sitting, and revocation. Every write
 * answers `position`; the reads after it pass it as `after` (read-your-writes).
 */
import { fetchFile, get, path, post, sendFile } from '../api.js';

/** The types the service keeps; it types a document by its content, never by its name or header. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

/** POST /students/{id}/documents with the file itself as the body; the service types it by its content, whatever it is sent as. */
export function uploadDocument(studentId, file) {
  const contentType = DOCUMENT_TYPES.includes(file.type) ? file.type : 'application/octet-stream';
  return sendFile(path`/students/${studentId}/documents`, file, { query: { name: file.name }, contentType });
}

/** A document of a request, as a Blob (410 once erased). */
export async function documentBlob(requestId, documentId) {
  return (await fetchFile(path`/excuse-requests/${requestId}/documents/${documentId}`, { accept: '*/*' })).blob;
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
