import { isPending, type ExcuseRequest } from '@attendance/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AttendanceProjection } from '../projection/attendance.projection';
import { AttendanceReader } from '../projection/attendance-reader';
import { inCouncilScope } from '../sections/section-scope';
import { DocumentVault } from './document-vault';

export interface RequestFilter {
  termId?: string;
  sectionId?: string;
  college?: string;
  department?: string;
  studentId?: string;
  state?: string;
}

/** Excuse requests as the councils and the students see them: the section, the items, the documents, and the student's standing now. */
@Injectable()
export class ExcuseRequestViews {
  constructor(
    private readonly projection: AttendanceProjection,
    private readonly reader: AttendanceReader,
    private readonly vault: DocumentVault,
  ) {}

  /** One request that `by` may see, or 404 / 403. */
  find(by: Principal, requestId: string): ExcuseRequest {
    const request = this.projection.model.excuseRequests.get(requestId);
    if (!request) throw new NotFoundException(`excuse request ${requestId} does not exist`);
    if (by.role === 'student' && by.subject !== request.studentId) throw new ForbiddenException('a student may read only their own excuse requests');
    if (!inCouncilScope(by, this.reader.definitionOf(request.sectionId) ?? {})) throw new ForbiddenException(`excuse request ${requestId} is not of ${by.role} ${by.subject}`);
    return request;
  }

  where(filter: RequestFilter, requests = this.projection.model.excuseRequests.all()): ExcuseRequest[] {
    return requests.filter((r) => {
      const d = this.reader.definitionOf(r.sectionId);
      if (filter.sectionId !== undefined && r.sectionId !== filter.sectionId) return false;
      if (filter.studentId !== undefined && r.studentId !== filter.studentId) return false;
      if (filter.termId !== undefined && d?.termId !== filter.termId) return false;
      if (filter.college !== undefined && d?.college !== filter.college) return false;
      if (filter.department !== undefined && d?.department !== filter.department) return false;
      if (filter.state === 'pending') return isPending(r);
      return filter.state === undefined || r.state === filter.state;
    });
  }

  async view(request: ExcuseRequest) {
    const d = this.reader.definitionOf(request.sectionId);
    const state = (await this.reader.view(request.sectionId)).state;
    const status = await this.reader.currentStatus(request.sectionId, request.studentId);
    return {
      ...request,
      documents: request.documents.map((doc) => ({ ...doc, erased: this.vault.describe(request.studentId, doc.documentId)?.erased ?? true })),
      section: { sectionId: request.sectionId, termId: d?.termId, courseCode: d?.courseCode, title: d?.title, college: d?.college, department: d?.department },
      items: request.itemIds.map((itemId) => {
        const item = state.items.get(itemId);
        const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
        return { itemId, kind: item?.kind, title: item?.title, startsAt: at(item?.startsAt), endsAt: at(item?.endsAt), dueAt: at(item?.dueAt) };
      }),
      standing: status && { status: status.row.status, eligible: status.row.eligible, components: status.row.components },
    };
  }
}
