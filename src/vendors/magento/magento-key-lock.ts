/**
 * In-process mutual exclusion per key (here: one stock level, `sku + source`). Magento has no
 * compare-and-set on stock, so a read-modify-write of the same level by two requests of this
 * process must not interleave. Keys of one call are taken in sorted order, so two calls over
 * overlapping key sets cannot deadlock. (Other processes or Magento's admin can still write in
 * between; the fresh read right before the write keeps that window small, it cannot close it.)
 */
export class KeyLock {
  private readonly tails = new Map<string, Promise<void>>();

  async runExclusive<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Keys currently held or awaited (for tests and leak checks). */
  get size(): number {
    return this.tails.size;
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
