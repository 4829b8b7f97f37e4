import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig, documentsFileIn, generatedDocumentsKeyFile } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';

export interface StoredDocument {
  documentId: string;
  studentId: string;
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** Its student's key was destroyed: it can no longer be read. */
  erased: boolean;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS student_keys (student_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS documents (
    document_id TEXT PRIMARY KEY, student_id TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
    bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, sealed BLOB NOT NULL, stored_at TEXT NOT NULL
  );
`;

/** AES-256-GCM: a fresh 12-byte nonce, then the 16-byte tag, then the ciphertext; `aad` binds it to what it belongs to. */
function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/**
 * Excuse documents (medical reports: personal health data), kept outside the event log, encrypted
 * at rest in `documents.sqlite` beside the store. Each student's documents are sealed with a key
 * of their own, itself sealed with the service's documents key; destroying a student's key erases
 * every document of theirs, while the events that name them stay.
 */
@Injectable()
export class DocumentVault implements OnModuleDestroy {
  private readonly logger = new Logger('DocumentVault');
  private readonly db: Database.Database;
  private readonly masterKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const file = documentsFileIn(config);
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.masterKey = config.documentsKey ?? this.generatedKey(config);
  }

  onModuleDestroy(): void {
    this.db.close();
  }

  /** Seals and keeps a document of a student's; answers what it is. */
  put(studentId: string, content: Buffer, name: string, contentType: string, at: Date): StoredDocument {
    const documentId = randomUUID();
    const doc: StoredDocument = { documentId, studentId, name, contentType, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), erased: false };
    const sealed = seal(this.studentKey(studentId, true)!, content, `${studentId}\u0000${documentId}`);
    this.db
      .prepare('INSERT INTO documents (document_id, student_id, name, content_type, bytes, sha256, sealed, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(documentId, studentId, name, contentType, doc.bytes, doc.sha256, sealed, at.toISOString());
    return doc;
  }

  /** What is known of a document without opening it, if the student has it. */
  describe(studentId: string, documentId: string): StoredDocument | undefined {
    const row = this.db.prepare('SELECT document_id, student_id, name, content_type, bytes, sha256, length(sealed) = 0 AS erased FROM documents WHERE document_id = ? AND student_id = ?').get(documentId, studentId) as
      | { document_id: string; student_id: string; name: string; content_type: string; bytes: number; sha256: string; erased: number }
      | undefined;
    return row && { documentId: row.document_id, studentId: row.student_id, name: row.name, contentType: row.content_type, bytes: row.bytes, sha256: row.sha256, erased: row.erased === 1 };
  }

  /** The document's bytes; 'erased' once the student's key is destroyed; undefined if there is no such document. */
  read(studentId: string, documentId: string): { doc: StoredDocument; content: Buffer } | 'erased' | undefined {
    const doc = this.describe(studentId, documentId);
    if (!doc) return undefined;
    const key = this.studentKey(studentId, false);
    if (doc.erased || !key) return 'erased';
    const { sealed } = this.db.prepare('SELECT sealed FROM documents WHERE document_id = ?').get(documentId) as { sealed: Buffer };
    return { doc, content: open(key, sealed, `${studentId}\u0000${documentId}`) };
  }

  /** Destroys the student's key and their sealed documents: nothing of them can be read again. Answers how many documents there were. */
  erase(studentId: string): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM student_keys WHERE student_id = ?').run(studentId);
      const { changes } = this.db.prepare('UPDATE documents SET sealed = x\'\' WHERE student_id = ?').run(studentId);
      return changes;
    })();
  }

  /** The student's key, made on their first document; undefined once destroyed (and `create` false). */
  private studentKey(studentId: string, create: boolean): Buffer | undefined {
    const select = this.db.prepare('SELECT wrapped FROM student_keys WHERE student_id = ?');
    let row = select.get(studentId) as { wrapped: Buffer } | undefined;
    if (!row && create) {
      // Two instances may make one at once: the first kept wins, and both use it.
      this.db.prepare('INSERT INTO student_keys (student_id, wrapped) VALUES (?, ?) ON CONFLICT DO NOTHING').run(studentId, seal(this.masterKey, randomBytes(32), studentId));
      row = select.get(studentId) as { wrapped: Buffer };
    }
    return row && open(this.masterKey, row.wrapped, studentId);
  }

  private generatedKey(config: AppConfig): Buffer {
    const file = generatedDocumentsKeyFile(config);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      // 'wx': when two instances start at once, the second keeps the first's key.
      try {
        writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      this.logger.log(`DOCUMENTS_KEY is not set: the documents key is in ${file}; keep it with the store's backups`);
    }
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
}
