import { BadRequestException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { boundaryOf, parseMultipart, SIGNATURE_USAGE, signatureProblem } from '@attendance/platforms/xapi';
import { isPlainObject } from '@attendance/platforms/xapi/formats';
import { contentTypeOf, LrsRequest } from '../lrs-request';

/** An attachment's bytes as a statement request carried them. */
export interface Attachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/**
 * The statements of a POST or PUT and the attachments sent with them (xAPI 1.0.3 §2.4.11,
 * Communication §1.5.2): JSON alone, or multipart/mixed with the statements first and one part a
 * raw attachment. Every attachment a statement declares without a fileUrl must be sent, every part
 * sent must be declared, and a signature must be this statement's.
 */
export function readStatementRequest(request: LrsRequest): { body: unknown; attachments: Attachment[] } {
  if (request.contentType === 'application/json') return { body: request.body, attachments: [] };
  if (request.contentType !== 'multipart/mixed') throw new BadRequestException(`content-type: statements are sent as application/json or multipart/mixed, not ${request.contentType || 'nothing'}`);
  const boundary = boundaryOf(request.headers['content-type']);
  if (!boundary) throw new BadRequestException('content-type: multipart/mixed needs a boundary');
  let parts;
  try {
    parts = parseMultipart(request.raw, boundary);
  } catch (error) {
    throw new BadRequestException(`body: ${(error as Error).message}`);
  }
  const [first, ...rest] = parts;
  if (!first || contentTypeOf(first.headers['content-type']) !== 'application/json') throw new BadRequestException('body: the first part must be the statements, as application/json');
  let body: unknown;
  try {
    body = JSON.parse(first.body.toString('utf8'));
  } catch {
    throw new BadRequestException('body: the statements part is not valid JSON');
  }
  const attachments = rest.map((part, i): Attachment => {
    const sha2 = part.headers['x-experience-api-hash'];
    if (!sha2) throw new BadRequestException(`body: part ${i + 2} has no X-Experience-API-Hash header`);
    if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary') throw new BadRequestException(`body: part ${i + 2} must have Content-Transfer-Encoding: binary`);
    return { sha2: sha2.toLowerCase(), contentType: contentTypeOf(part.headers['content-type']) || 'application/octet-stream', content: part.body };
  });
  return { body, attachments };
}

/** Checks the declared attachments of valid statements against those sent. */
export function checkAttachments(statements: Array<Record<string, unknown>>, sent: Attachment[]): void {
  const bySha = new Map(sent.map((a) => [a.sha2, a]));
  const declared = new Set<string>();
  statements.forEach((statement, i) => {
    const list = Array.isArray(statement.attachments) ? statement.attachments : [];
    list.forEach((attachment: unknown, j) => {
      if (!isPlainObject(attachment) || typeof attachment.sha2 !== 'string') return;
      const sha2 = attachment.sha2.toLowerCase();
      declared.add(sha2);
      const part = bySha.get(sha2);
      if (!part && attachment.fileUrl === undefined) throw new BadRequestException(`statements[${i}].attachments[${j}]: its content (sha2 ${sha2}) was not sent; send it as a part of a multipart/mixed request, or give a fileUrl`);
      if (attachment.usageType === SIGNATURE_USAGE) {
        if (!part) throw new BadRequestException(`statements[${i}].attachments[${j}]: a signature must be sent`);
        if (attachment.contentType !== 'application/octet-stream') throw new BadRequestException(`statements[${i}].attachments[${j}].contentType: a signature is application/octet-stream`);
        const problem = signatureProblem(statement, part.content.toString('utf8'));
        if (problem) throw new BadRequestException(`statements[${i}].attachments[${j}]: ${problem}`);
      }
    });
  });
  for (const attachment of sent) {
    if (!declared.has(attachment.sha2)) throw new BadRequestException(`body: a part with hash ${attachment.sha2} is not an attachment of any statement`);
    if (createHash('sha256').update(attachment.content).digest('hex') !== attachment.sha2) throw new BadRequestException(`body: the part with hash ${attachment.sha2} does not have that SHA-256`);
  }
}
