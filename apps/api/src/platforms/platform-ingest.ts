import type { DomainEvent } from '@attendance/domain';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { factTimeProblem, parseInstant, PLATFORM_FACT_RECEIVED, PLATFORM_REPORT_IMPORTED, platformFactStream, platformReportStream, PlatformReportImported } from '@attendance/domain';
import type { Clock, EventStore } from '@attendance/event-store';
import type { PlatformFact, PlatformName, Translation } from '@attendance/platforms/platform-fact';
import { CLOCK, EVENT_STORE } from '../config/tokens';
import { ServiceMetrics } from '../operations/metrics';
import { writePosition } from '../store/write-position';

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

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** Stores the facts; with `report`, also that this meeting's pulled attendance report is in (its absences can now be decided). */
  async record(platform: PlatformName, facts: PlatformFact[], report?: PlatformReportImported): Promise<IngestResult> {
    const [results, reported] = await Promise.all([
      Promise.all(facts.map((fact) => this.store.appendToStream(platformFactStream(fact.id), [{ id: `pfact:${fact.id}`, type: PLATFORM_FACT_RECEIVED, data: { fact } }]))),
      report &&
        this.store.appendToStream(platformReportStream(report.platform, report.activity), [
          { id: `report:${JSON.stringify([report.platform, report.activity])}`, type: PLATFORM_REPORT_IMPORTED, data: report },
        ]),
    ]);
    const position = await writePosition(this.store, [...results, ...(reported ? [reported] : [])].map((r) => r.position));
    const duplicates = results.filter((r) => r.duplicateIds.length > 0).length;
    this.count(platform, 'accepted', facts.length - duplicates);
    this.count(platform, 'duplicates', duplicates);
    return { accepted: facts.length - duplicates, duplicates, position };
  }

  /**
   * Translates a verified payload and stores its facts; a payload that cannot be read is 400 and
   * counted, naming `field` when the payload is one field of the body (an import's report).
   */
  async translateAndRecord(platform: PlatformName, translate: () => Translation, options: { report?: PlatformReportImported; field?: string } = {}) {
    let translation: Translation;
    try {
      translation = translate();
    } catch (error) {
      this.count(platform, 'invalid');
      throw new BadRequestException(`${options.field ? `${options.field}: ` : ''}${platform}: ${(error as Error).message}`, { cause: error });
    }
    const report = options.report;
    const { facts, ignored } = this.possible(translation);
    const { accepted, duplicates, position } = await this.record(platform, facts, report);
    this.count(platform, 'ignored', ignored.length);
    return { received: facts.length, accepted, duplicates, ignored, position: String(position) };
  }

  /** A fact dated before 2000 or after the service's clock (plus five minutes) cannot have happened: it is ignored, with why. */
  private possible(translation: Translation): Translation {
    const now = this.clock().getTime();
    const ignored = [...translation.ignored];
    const facts = translation.facts.filter((fact) => {
      const at = parseInstant(fact.occurredAt);
      const problem = at === undefined ? 'is not a real date-time' : factTimeProblem(at, now);
      if (problem) ignored.push({ event: fact.type, reason: `the time ${fact.occurredAt} ${problem}` });
      return !problem;
    });
    return { facts, ignored };
  }

  count(platform: PlatformName, what: keyof Counters, by = 1): void {
    const counters = this.counters.get(platform) ?? { accepted: 0, duplicates: 0, ignored: 0, unauthorized: 0, invalid: 0 };
    counters[what] += by;
    this.counters.set(platform, counters);
    this.metrics.countPlatform(platform, what, by);
  }

  stats(): Record<string, Counters> {
    return Object.fromEntries(this.counters);
  }
}
