/**
 * Runs the tasks given for one key one after another, in the order given; different keys run in
 * parallel. Appends to one stream are serialized this way: they would conflict at the server
 * anyway (each names the exact revision it expects), and in order each one sees what the one
 * before wrote, so two appends of one id from this process never race each other.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => done) : done;
    this.tails.set(key, tail);
    try {
      if (previous) await previous;
      return await task();
    } finally {
      release();
      // The last task of a key removes it, so the map holds only keys with work queued.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
