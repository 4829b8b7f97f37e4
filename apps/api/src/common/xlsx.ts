import { crc32 } from 'node:zlib';

export type XlsxCell = string | number | boolean | null;
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A one-sheet XLSX workbook of plain rows (text, numbers, booleans), written by hand: the few
 * SpreadsheetML parts Excel, LibreOffice and exceljs need, in a zip stored without compression and
 * with one fixed date, so the same rows always make the same bytes (a snapshot's file). It is
 * written piece by piece: `start()`, then `rows()` as they come, then `end()`, so a whole term's
 * list never has to be held at once.
 */
export class XlsxWriter {
  private readonly zip: StoredZipWriter;
  private written = 0;

  constructor(
    private readonly sheetName: string,
    at: Date,
  ) {
    this.zip = new StoredZipWriter(at);
  }

  start(): Buffer {
    const parts = FIXED_PARTS(escape(sheetNameOf(this.sheetName))).map(([name, text]) => this.zip.file(name, Buffer.from(text, 'utf8')));
    return Buffer.concat([...parts, this.zip.begin('xl/worksheets/sheet1.xml'), this.zip.write(Buffer.from(SHEET_HEAD, 'utf8'))]);
  }

  rows(rows: XlsxCell[][]): Buffer {
    const xml = rows.map((row) => {
      const r = ++this.written;
      return `<row r="${r}">${row.map((value, c) => cell(value, `${column(c)}${r}`)).join('')}</row>`;
    });
    return this.zip.write(Buffer.from(xml.join(''), 'utf8'));
  }

  end(): Buffer {
    return Buffer.concat([this.zip.write(Buffer.from(SHEET_TAIL, 'utf8')), this.zip.endEntry(), this.zip.finish()]);
  }
}

/** A whole workbook at once, for a table that is small. */
export function xlsxOf(sheetName: string, rows: XlsxCell[][], at: Date): Buffer {
  const writer = new XlsxWriter(sheetName, at);
  return Buffer.concat([writer.start(), writer.rows(rows), writer.end()]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_HEAD = `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const FIXED_PARTS = (sheetName: string): Array<[string, string]> => [
  ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
  ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  ['xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
];

/** Excel refuses a sheet name with any of : \\ / ? * [ ] or longer than 31 characters; ids may hold them. */
const sheetNameOf = (name: string) => name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

function cell(value: XlsxCell, ref: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
}

/** A, B, …, Z, AA, … */
function column(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// XML 1.0 cannot hold most control characters at all: they are left out.
const escape = (value: string) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const UTF8_NAMES = 0x0800;
/** The sizes and CRC follow the entry's data, in a data descriptor (the entry is written as it comes). */
const DESCRIPTOR_FOLLOWS = 0x0008;

/** A zip (PKWARE APPNOTE) of stored entries, every one dated `at`, written in order: whole files, or one entry streamed. */
class StoredZipWriter {
  private readonly time: number;
  private readonly date: number;
  private readonly centrals: Buffer[] = [];
  private offset = 0;
  private streaming?: { name: Buffer; offset: number; crc: number; size: number };

  constructor(at: Date) {
    this.time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
    this.date = ((Math.max(at.getUTCFullYear(), 1980) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  }

  file(name: string, data: Buffer): Buffer {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = this.localHeader(fileName, UTF8_NAMES, crc, data.length);
    this.centrals.push(this.centralHeader(fileName, UTF8_NAMES, crc, data.length, this.offset));
    return this.emit(Buffer.concat([local, data]));
  }

  begin(name: string): Buffer {
    const fileName = Buffer.from(name, 'utf8');
    this.streaming = { name: fileName, offset: this.offset, crc: 0, size: 0 };
    return this.emit(this.localHeader(fileName, UTF8_NAMES | DESCRIPTOR_FOLLOWS, 0, 0));
  }

  write(data: Buffer): Buffer {
    const entry = this.streaming!;
    entry.crc = crc32(data, entry.crc) >>> 0;
    entry.size += data.length;
    return this.emit(data);
  }

  endEntry(): Buffer {
    const { name, offset, crc, size } = this.streaming!;
    this.streaming = undefined;
    this.centrals.push(this.centralHeader(name, UTF8_NAMES | DESCRIPTOR_FOLLOWS, crc, size, offset));
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(size, 8);
    descriptor.writeUInt32LE(size, 12);
    return this.emit(descriptor);
  }

  finish(): Buffer {
    const directory = Buffer.concat(this.centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.centrals.length, 8);
    end.writeUInt16LE(this.centrals.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return this.emit(Buffer.concat([directory, end]));
  }

  private emit(bytes: Buffer): Buffer {
    this.offset += bytes.length;
    return bytes;
  }

  private localHeader(fileName: Buffer, flags: number, crc: number, size: number): Buffer {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(this.time, 10);
    local.writeUInt16LE(this.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    return Buffer.concat([local, fileName]);
  }

  private centralHeader(fileName: Buffer, flags: number, crc: number, size: number, offset: number): Buffer {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(this.time, 12);
    central.writeUInt16LE(this.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    return Buffer.concat([central, fileName]);
  }
}
