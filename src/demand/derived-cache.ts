/**
 * Figures derived from a demand history (forecasts, policies), keyed by a string that includes
 * the history's version, so a refreshed history never serves an old figure. Bounded: the oldest
 * entries go first. Concurrent callers of one key share one computation.
 */
export class DerivedCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;

  constructor(maxEntries = 5_000) {
    this.maxEntries = maxEntries;
  }

  get<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = Promise.resolve().then(compute);
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return entry;
  }
}
