import type { Position, StoredEvent, Subscription } from './event-store';

export interface PageSource {
  readPage(after: Position): Promise<StoredEvent[]>;
  /** Resolves when new events may be there; false once the store is closed. */
  waitForAppend(): Promise<boolean>;
}

/**
 * Catch-up then live subscription built on paged reads. It reads the next page only when the
 * consumer has taken the previous one, so memory stays at one page however slow the consumer.
 */
export class PageSubscription implements Subscription {
  private closed = false;
  private wakeClosed: (() => void) | undefined;

  constructor(
    private readonly after: Position,
    private readonly source: PageSource,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    let checkpoint = this.after;
    const closedSignal = new Promise<false>((resolve) => (this.wakeClosed = () => resolve(false)));
    while (!this.closed) {
      const page = await this.source.readPage(checkpoint);
      if (page.length === 0) {
        const more = await Promise.race([this.source.waitForAppend(), closedSignal]);
        if (!more) return;
        continue;
      }
      for (const event of page) {
        if (this.closed) return;
        yield event;
        checkpoint = event.position;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeClosed?.();
  }
}
