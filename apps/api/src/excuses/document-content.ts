/** What a document is, told by its first bytes and never by its name: a PDF, a PNG or a JPEG; anything else is refused. */
const SIGNATURES: Array<{ contentType: string; magic: number[] }> = [
  { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export const DOCUMENT_TYPES = SIGNATURES.map((s) => s.contentType);

export function sniffDocumentType(bytes: Buffer): string | undefined {
  return SIGNATURES.find(({ magic }) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b))?.contentType;
}

/** A file name fit for a header and a list: its last path part, printable, at most 200 characters. */
export function documentName(name: string | undefined, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return base || `document.${contentType.split('/')[1]}`;
}
