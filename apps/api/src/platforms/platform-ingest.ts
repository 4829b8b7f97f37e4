import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@attendance/event-store';
import type { PlatformFact, PlatformName, Translation } from '@attendance/platforms/platform-fact';
import { EVENT_STORE } from '../config/tokens';
import { writePosition } from '../store/write-position';
import { PLATFORM_FACT_RECEIVED, platformFactStream } from './platform.events';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  position: bigint;
}

type Counters = { accepted: number; duplicates: number; ignored: number; unauthorized: number; invalid: number };

/** Stores platform facts as received, each once by its id, and counts what every platform sent and what was refused. */
@Injectable()
export class PlatformIngest {
  private readonly counters = new Map<PlatformName, Counters>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(platform: PlatformName, facts: PlatformFact[]): Promise<IngestResult> {
    const results = await Promise.all(
      facts.map((fact) => this.store.appendToStream(platformFactStream(fact.id), [{ id: `pfact:${fact.id}`, type: PLATFORM_FACT_RECEIVED, data: { fact } }])),
    );
    const position = await writePosition(this.store, results.map((r) => r.position));
    const duplicates = results.filter((r) => r.duplicateIds.length > 0).length;
    this.count(platform, 'accepted', facts.length - duplicates);
    this.count(platform, 'duplicates', duplicates);
    return { accepted: facts.length - duplicates, duplicates, position };
  }

  /** Translates a verified payload and stores its facts; a payload that cannot be read is 400 and counted. */
  async translateAndRecord(platform: PlatformName, translate: () => Translation) {
    let translation: Translation;
    try {
      translation = translate();
    } catch (error) {
      this.count(platform, 'invalid');
      throw new BadRequestException(`${platform}: ${(error as Error).message}`, { cause: error });
    }
    const { accepted, duplicates, position } = await this.record(platform, translation.facts);
    this.count(platform, 'ignored', translation.ignored.length);
    return { received: translation.facts.length, accepted, duplicates, ignored: translation.ignored, position: String(position) };
  }

  count(platform: PlatformName, what: keyof Counters, by = 1): void {
    const counters = this.counters.get(platform) ?? { accepted: 0, duplicates: 0, ignored: 0, unauthorized: 0, invalid: 0 };
    counters[what] += by;
    this.counters.set(platform, counters);
  }

  stats(): Record<string, Counters> {
    return Object.fromEntries(this.counters);
  }
}
