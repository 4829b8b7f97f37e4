import { Command } from '@nestjs/cqrs';
import type { FactRecorded } from '@attendance/domain';

export type FactResult = { id: string; status: 'accepted' | 'duplicate' | 'rejected'; error?: string };

/** Facts already validated, each stored once by its id. Answers one result per fact, in order. */
export class RecordFacts extends Command<{ position: bigint; results: FactResult[] }> {
  constructor(readonly facts: Array<FactRecorded | { rejected: string; id: string }>) {
    super();
  }
}
