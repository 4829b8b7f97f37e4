import { DomainEvent, deliveredStream, OUTBOUND_DELIVERED, readEvent } from '@attendance/domain';
import { EventStore, ExpectedRevision, WrongExpectedRevisionError } from '@attendance/event-store';

/**
 * Where each outbound webhook has delivered up to, moved only after the receiver said 2xx. Kept in
 * the event store, so whichever instance holds the side-effects lease delivers on from where the
 * last holder stopped; a data folder lost or a container recreated re-sends nothing.
 */
export class DeliveryCheckpoints {
  private readonly known = new Map<string, { position: bigint; revision: ExpectedRevision }>();

  constructor(private readonly store: EventStore<DomainEvent>) {}

  /** Reads it from the store: another instance may have moved it since this one last looked. */
  async read(name: string): Promise<bigint> {
    const last = await this.store.readLastEvent(deliveredStream(name));
    const read = last && readEvent(last);
    const position = read && 'event' in read && read.event.type === OUTBOUND_DELIVERED ? BigInt(read.event.data.position) : 0n;
    this.known.set(name, { position, revision: last ? last.revision : 'no_stream' });
    return position;
  }

  /** As last read or moved here. */
  get(name: string): bigint {
    return this.known.get(name)?.position ?? 0n;
  }

  /** Moves it; when another instance moved it meanwhile (a lease handed over), learns where that one got to. */
  async set(name: string, position: bigint): Promise<void> {
    const known = this.known.get(name) ?? { position: 0n, revision: 'no_stream' as const };
    const event = { id: `delivered:${JSON.stringify([name, String(position)])}`, type: OUTBOUND_DELIVERED, data: { name, position: String(position) } } as const;
    try {
      const { nextExpectedRevision } = await this.store.appendToStream(deliveredStream(name), [event], { expectedRevision: known.revision });
      this.known.set(name, { position, revision: nextExpectedRevision });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await this.read(name);
    }
  }
}
