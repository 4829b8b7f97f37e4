import type { Position } from '../event-store';

/**
 * What the adapter knows of one stream: every event up to `revision`, by our event id. It can be
 * behind the server (another process appended since), never ahead of it and never missing an event
 * up to `revision`: an append made at exactly `revision` is refused by the server when the stream
 * moved, so a stale entry costs one refused append and a read of what is new, never a duplicate.
 */
export interface KnownStream {
  /** Revision of the last event known; 'no_stream' when the stream was known not to exist. */
  revision: bigint | 'no_stream';
  /** Our event id → the revision it is stored at (a number: revisions stay far below 2^53, and numbers cost no allocation). */
  ids: Map<string, number>;
  /** Position of the event at `revision`, when known. */
  lastPosition?: Position;
}

export interface KnownStreamsLimits {
  /** Streams kept, least recently used dropped first. */
  maxStreams: number;
  /** Event ids kept over all streams. One stream larger than this is kept only while it is the most recently used. */
  maxIds: number;
}

/** About 100 bytes an id: some 25 MB when full. */
export const DEFAULT_KNOWN_STREAMS_LIMITS: KnownStreamsLimits = { maxStreams: 10_000, maxIds: 250_000 };

interface Entry {
  stream: KnownStream;
  /** ids.size when last counted, so in-place growth is counted on the next `remember`. */
  counted: number;
}

/** A bounded least-recently-used map of stream → what is known of it. */
export class KnownStreams {
  private readonly entries = new Map<string, Entry>();
  private idCount = 0;

  constructor(private readonly limits: KnownStreamsLimits = DEFAULT_KNOWN_STREAMS_LIMITS) {}

  get(streamId: string): KnownStream | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    // Re-inserting moves it to the end: Map iteration order is the recency order.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.stream;
  }

  /**
   * Keeps `stream` (possibly the same object, grown in place) unless the entry kept is further
   * along: two complete views of one stream differ only in how far they reach.
   */
  remember(streamId: string, stream: KnownStream): void {
    const kept = this.entries.get(streamId);
    if (kept && kept.stream !== stream && isBehind(stream, kept.stream)) return;
    if (kept) {
      this.idCount -= kept.counted;
      this.entries.delete(streamId);
    }
    this.entries.set(streamId, { stream, counted: stream.ids.size });
    this.idCount += stream.ids.size;
    this.evict();
  }

  forget(streamId: string): void {
    const kept = this.entries.get(streamId);
    if (!kept) return;
    this.idCount -= kept.counted;
    this.entries.delete(streamId);
  }

  get size(): { streams: number; ids: number } {
    return { streams: this.entries.size, ids: this.idCount };
  }

  private evict(): void {
    // The most recent entry always stays, however large: it is the one in use.
    while (this.entries.size > 1 && (this.entries.size > this.limits.maxStreams || this.idCount > this.limits.maxIds)) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.idCount -= entry.counted;
      this.entries.delete(oldest);
    }
  }
}

function isBehind(candidate: KnownStream, kept: KnownStream): boolean {
  if (candidate.revision === 'no_stream') return kept.revision !== 'no_stream';
  return kept.revision !== 'no_stream' && candidate.revision < kept.revision;
}
