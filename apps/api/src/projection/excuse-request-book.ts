import { evolveExcuseRequest, excuseRequestIdOf, ExcuseRequest, SectionEvent } from '@attendance/domain';
import type { Statement } from 'better-sqlite3';
import type { ReadStore } from '../store/read-store';

/** Every excuse request with its steps, as the projection has seen them, kept in the read store. */
export class ExcuseRequestBook {
  private readonly q: Record<string, Statement>;

  constructor(store: ReadStore) {
    this.q = {
      put: store.db.prepare(
        'INSERT INTO excuse_requests (request_id, position, student_id, request) VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET request = excluded.request',
      ),
      get: store.db.prepare('SELECT request FROM excuse_requests WHERE request_id = ?'),
      all: store.db.prepare('SELECT request FROM excuse_requests ORDER BY position'),
      ofStudent: store.db.prepare('SELECT request FROM excuse_requests WHERE student_id = ? ORDER BY position DESC'),
    };
  }

  /** `position`: where the event is in the store; a request keeps the position it was made at, its order in the queues. */
  apply(event: SectionEvent, recordedAt: number, position: bigint): void {
    const requestId = excuseRequestIdOf(event);
    if (requestId === undefined) return;
    const request = evolveExcuseRequest(this.get(requestId), event, recordedAt);
    if (request) this.q.put.run(request.requestId, position, request.studentId, JSON.stringify(request));
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
