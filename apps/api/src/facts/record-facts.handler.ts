import type { DomainEvent } from '@attendance/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@attendance/event-store';
import { EVENT_STORE } from '../config/tokens';
import { writePosition } from '../store/write-position';
import { FACT_RECORDED, factEventId, factStream } from '@attendance/domain';
import { FactResult, RecordFacts } from './record-facts.command';

@CommandHandler(RecordFacts)
export class RecordFactsHandler implements ICommandHandler<RecordFacts> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>) {}

  async execute({ facts }: RecordFacts): Promise<{ position: bigint; results: FactResult[] }> {
    // All appends go out together, so the store commits them as one group.
    const results = await Promise.all(
      facts.map(async (fact): Promise<FactResult & { position?: bigint }> => {
        if ('rejected' in fact) return { id: fact.id, status: 'rejected', error: fact.rejected };
        const result = await this.store.appendToStream(factStream(fact.id), [{ id: factEventId(fact.id), type: FACT_RECORDED, data: fact }]);
        return { id: fact.id, status: result.duplicateIds.length > 0 ? 'duplicate' : 'accepted', position: result.position };
      }),
    );
    const position = await writePosition(this.store, results.map((r) => r.position));
    return { position, results: results.map(({ position: _, ...r }) => r) };
  }
}
