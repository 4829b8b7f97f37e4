/** One part of a multipart/mixed body: its headers (names in lower case) and its bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary of a multipart content type, or undefined when it has none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Splits a multipart/mixed body (RFC 2046) into its parts; throws with what is wrong. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('the body has no part with the boundary of its content type');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    at = skipLineBreak(body, at);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), at);
    if (next < 0) throw new Error('the body ends before its closing boundary');
    parts.push(readPart(body.subarray(at, next)));
    at = next + 2;
  }
}

function skipLineBreak(body: Buffer, at: number): number {
  while (body[at] === 0x20 || body[at] === 0x09) at++;
  if (body[at] === 0x0d && body[at + 1] === 0x0a) return at + 2;
  throw new Error('a boundary line does not end with CRLF');
}

function readPart(raw: Buffer): Part {
  const end = raw.indexOf('\r\n\r\n');
  const headerText = end < 0 ? raw.toString('latin1') : raw.subarray(0, end).toString('latin1');
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`a part has a header line without a colon: ${line.slice(0, 40)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4) };
}

/** A multipart/mixed body of these parts. */
export function buildMultipart(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
