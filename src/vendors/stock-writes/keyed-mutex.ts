/** Gives held keys back; calling it again does nothing. */
export type ReleaseKeys = () => void;

/**
 * In-process mutual exclusion per key (a stock level). WooCommerce, Magento and custom vendors
 * have no compare-and-set, so a read-check-write of one level must not interleave with another
 * of the same level inside this process. Other processes are not covered (README).
 *
 * Why it cannot deadlock, even across several mutexes: `lock` joins the queue of EVERY key
 * synchronously, before it returns, and a queue is served in arrival order. So a waiter only ever
 * waits for lockers that arrived before it, and those never wait for it. A caller that needs keys
 * of several mutexes (the mutation service locks the levels of every vendor a mutation touches
 * before it reads any of them) calls each mutex's `lock` in one synchronous step and awaits the
 * grants afterwards: arrival order is then one order over all mutexes. Joining every queue at once
 * also means a caller never sits on one key while it queues for the next.
 */
export class KeyedMutex {
  /** Per key, the grant the latest locker hands to the next one when it releases. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves once every key is held; release with the function it answers. */
  lock(keys: readonly string[]): Promise<ReleaseKeys> {
    const unique = [...new Set(keys)];
    let handOver: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      handOver = resolve;
    });
    const predecessors: Array<Promise<void>> = [];
    for (const key of unique) {
      const previous = this.tails.get(key);
      if (previous) predecessors.push(previous);
      this.tails.set(key, released);
    }
    let done = false;
    const release: ReleaseKeys = () => {
      if (done) return;
      done = true;
      handOver();
      for (const key of unique) if (this.tails.get(key) === released) this.tails.delete(key);
    };
    return Promise.all(predecessors).then(() => release);
  }

  async runExclusive<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const release = await this.lock(keys);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Keys currently held or awaited (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
