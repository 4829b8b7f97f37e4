import { BadRequestException } from '@nestjs/common';
import { headersOf, RawRequest } from '../platforms/raw-request';

/** Where the LRS answers: every xAPI resource is under it. */
export const LRS_PATH = '/api/v1/xapi/';

export type LrsMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/**
 * One request to the LRS as xAPI means it, whichever syntax it came in: the usual one, or the
 * alternate request syntax (xAPI 1.0.3 §7.8: a form POST with `?method=`, the headers and the
 * content in the form), which browsers use across origins.
 */
export interface LrsRequest {
  method: LrsMethod;
  /** Query parameters, one value each. */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The content type without parameters, in lower case ('' when none). */
  contentType: string;
  /** The body's bytes, exactly as sent. */
  raw: Buffer;
  /** The body as the service's parsers read it (JSON parsed), or undefined for other types. */
  body: unknown;
}

const METHODS: readonly LrsMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
/** Headers the alternate syntax may carry as form fields. */
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];

export const contentTypeOf = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase();

export function lrsRequest(request: RawRequest): LrsRequest {
  const query = singleValues(request.query);
  const headers = headersOf(request);
  const contentType = contentTypeOf(headers['content-type']);
  const raw = request.rawBody ?? (Buffer.isBuffer(request.body) ? request.body : typeof request.body === 'string' ? Buffer.from(request.body) : Buffer.alloc(0));
  if (!('method' in query)) return { method: request.method as LrsMethod, query, headers, contentType, raw, body: request.body };
  return alternate(request.method, query, headers, contentType, raw);
}

function alternate(httpMethod: string, query: Record<string, string>, headers: Record<string, string | undefined>, contentType: string, raw: Buffer): LrsRequest {
  if (httpMethod !== 'POST') throw new BadRequestException('method: the alternate request syntax is a POST');
  const method = query.method.toUpperCase() as LrsMethod;
  if (!METHODS.includes(method)) throw new BadRequestException(`method: ${query.method} is not an xAPI method`);
  if (Object.keys(query).length > 1) throw new BadRequestException('method: with the alternate request syntax, every parameter but method goes in the form body');
  if (contentType !== 'application/x-www-form-urlencoded') throw new BadRequestException('content-type: the alternate request syntax sends application/x-www-form-urlencoded');
  const form = new URLSearchParams(raw.toString('utf8'));
  // The request's own content type is the form's; the content's type, if any, is a form field.
  const formHeaders: Record<string, string | undefined> = { ...headers, 'content-type': undefined };
  const formQuery: Record<string, string> = {};
  let content: string | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (FORM_HEADERS.includes(lower)) formHeaders[lower] = value;
    else if (name === 'content') content = value;
    else formQuery[name] = value;
  }
  const bytes = Buffer.from(content ?? '', 'utf8');
  // Content without a type is JSON when it reads as JSON (a statement), else bytes.
  const innerType = contentTypeOf(formHeaders['content-type']) || (readsAsJson(bytes) ? 'application/json' : 'application/octet-stream');
  return { method, query: formQuery, headers: formHeaders, contentType: innerType, raw: bytes, body: innerType === 'application/json' && bytes.length > 0 ? parseJson(bytes) : undefined };
}

function readsAsJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return bytes.length > 0;
  } catch {
    return false;
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BadRequestException('content: is not valid JSON');
  }
}

function singleValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new BadRequestException(`${key}: given more than once`);
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Sends nothing but the headers for a HEAD request; the body otherwise. */
export function answer(request: LrsRequest, body: unknown): unknown {
  return request.method === 'HEAD' ? '' : body;
}
