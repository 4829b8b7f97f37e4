/**
 * The faults the EventStoreDB stand-in is told to answer with. Each is taken once, by the next
 * call it applies to, and goes out through the real gRPC protocol: a status the client maps to its
 * error classes, or the trailers of a node that is not the leader.
 */
import { status } from '@grpc/grpc-js';

/** The calls a fault can be aimed at. `append` covers Append and each request of BatchAppend. */
export type FaultTarget = 'append' | 'read-stream' | 'read-all' | 'subscribe';

export type Fault =
  | { code: typeof status.UNAVAILABLE | typeof status.DEADLINE_EXCEEDED | typeof status.CANCELLED | typeof status.ABORTED }
  /** Answered as EventStoreDB's not-leader exception, naming the cluster's current leader. */
  | { notLeader: true }
  /** Answered as EventStoreDB's access-denied exception: no retry can fix it. */
  | { accessDenied: true };

export const UNAVAILABLE: Fault = { code: status.UNAVAILABLE };
export const DEADLINE_EXCEEDED: Fault = { code: status.DEADLINE_EXCEEDED };
export const CANCELLED: Fault = { code: status.CANCELLED };
/** How EventStoreDB answers an append whose commit timed out. */
export const COMMIT_TIMEOUT: Fault = { code: status.ABORTED };
export const NOT_LEADER: Fault = { notLeader: true };
export const ACCESS_DENIED: Fault = { accessDenied: true };

export class FaultPlan {
  private readonly refusals = new Map<FaultTarget, Fault[]>();
  private readonly lostAnswers: Fault[] = [];
  private gate: { size: number; waiting: Array<() => void> } | undefined;

  /** The next `times` calls to `target` are answered with `fault`, and do nothing else. */
  failNext(target: FaultTarget, fault: Fault, times = 1): this {
    const queue = this.refusals.get(target) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.refusals.set(target, queue);
    return this;
  }

  /** The next `times` appends are written, then answered with `fault`: the answer is lost, not the write. */
  loseNextAnswers(fault: Fault, times = 1): this {
    for (let i = 0; i < times; i++) this.lostAnswers.push(fault);
    return this;
  }

  /**
   * The next `count` appends wait for each other, then go on in the order they arrived: two
   * appends released together have both been decided by their senders before either is written.
   */
  holdAppendsUntil(count: number): this {
    this.gate = { size: count, waiting: [] };
    return this;
  }

  /** Faults not taken yet, so a test can tell its faults were all exercised. */
  get pending(): number {
    let count = this.lostAnswers.length;
    for (const queue of this.refusals.values()) count += queue.length;
    return count + (this.gate ? 1 : 0);
  }

  takeRefusal(target: FaultTarget): Fault | undefined {
    return this.refusals.get(target)?.shift();
  }

  takeLostAnswer(): Fault | undefined {
    return this.lostAnswers.shift();
  }

  /** Resolves when the append may be written. */
  passGate(): Promise<void> {
    const gate = this.gate;
    if (!gate) return Promise.resolve();
    return new Promise<void>((resolve) => {
      gate.waiting.push(resolve);
      if (gate.waiting.length < gate.size) return;
      this.gate = undefined;
      for (const release of gate.waiting) release();
    });
  }
}
