import type { DocumentsState } from './documents-fold';

/** A scope's documents as folded up to a revision of its stream. */
export interface FoldedScope {
  state: DocumentsState;
  revision: bigint | 'no_stream';
}

const MAX_SCOPES = 500;
/** Base64 characters held at most, over all the scopes kept. */
const MAX_CONTENT = 32 * 1024 * 1024;

const sizeOf = (state: DocumentsState): number => {
  let size = 0;
  for (const document of state.documents.values()) size += document.content.length;
  return size;
};

/**
 * The scopes folded last, each with the revision it was folded at, least recently used first.
 * Only a hint: the store's last revision decides whether an entry may be used, so an entry
 * another instance has moved past is folded again.
 */
export class ScopeCache {
  private readonly scopes = new Map<string, FoldedScope & { size: number }>();
  private held = 0;

  get(streamId: string, revision: bigint | 'no_stream'): FoldedScope | undefined {
    const entry = this.scopes.get(streamId);
    if (!entry || entry.revision !== revision) return undefined;
    this.scopes.delete(streamId);
    this.scopes.set(streamId, entry);
    return entry;
  }

  set(streamId: string, folded: FoldedScope): void {
    this.forget(streamId);
    const size = sizeOf(folded.state);
    if (size > MAX_CONTENT / 4) return;
    this.scopes.set(streamId, { ...folded, size });
    this.held += size;
    for (const [id, entry] of this.scopes) {
      if (this.scopes.size <= MAX_SCOPES && this.held <= MAX_CONTENT) break;
      this.scopes.delete(id);
      this.held -= entry.size;
    }
  }

  forget(streamId: string): void {
    const entry = this.scopes.get(streamId);
    if (!entry) return;
    this.scopes.delete(streamId);
    this.held -= entry.size;
  }
}
