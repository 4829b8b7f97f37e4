import { evolveExcuseRequest, excuseRequestIdOf, ExcuseRequest, SectionEvent } from '@attendance/domain';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/** Every excuse request with its steps, as the projection has seen them, kept in the read store. */
export class ExcuseRequestBook {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    this.q = {
      put: store.db.prepare(
        'INSERT INTO excuse_requests (request_id, section_id, student_id, state, requested_at, request) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET state = excluded.state, request = excluded.request',
      ),
      get: store.db.prepare('SELECT request FROM excuse_requests WHERE request_id = ?'),
      all: store.db.prepare('SELECT request FROM excuse_requests ORDER BY requested_at, request_id'),
      ofStudent: store.db.prepare('SELECT request FROM excuse_requests WHERE student_id = ? ORDER BY requested_at DESC, request_id'),
    };
  }

  apply(event: SectionEvent, recordedAt: number): void {
    const requestId = excuseRequestIdOf(event);
    if (requestId === undefined) return;
    const request = evolveExcuseRequest(this.get(requestId), event, recordedAt);
    if (request) this.q.put.run(request.requestId, request.sectionId, request.studentId, request.state, request.requestedAt, JSON.stringify(request));
  }

  get(requestId: string): ExcuseRequest | undefined {
    const row = this.q.get.get(requestId) as { request: string } | undefined;
    return row && (JSON.parse(row.request) as ExcuseRequest);
  }

  /** Oldest first: the order a council works through them. */
  all(): ExcuseRequest[] {
    return (this.q.all.all() as Array<{ request: string }>).map((r) => JSON.parse(r.request) as ExcuseRequest);
  }

  /** Newest first. */
  ofStudent(studentId: string): ExcuseRequest[] {
    return (this.q.ofStudent.all(studentId) as Array<{ request: string }>).map((r) => JSON.parse(r.request) as ExcuseRequest);
  }
}
