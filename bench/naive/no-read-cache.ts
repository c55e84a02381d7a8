import type { ReadCache, ReadCacheStats, ReadTicket } from '../../src/cache/read-cache.ts';

/** The naive baseline caches nothing: every read goes to the vendor. */
export class NoReadCache implements ReadCache {
  async get<T>(): Promise<T | undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(): Promise<void> {}
  async deleteByPrefix(): Promise<number> {
    return 0;
  }
  async deleteByTag(): Promise<number> {
    return 0;
  }
  async beginRead(): Promise<ReadTicket> {
    return { sequence: 0, takenAt: 0 };
  }
  stats(): ReadCacheStats {
    return { hits: 0, misses: 0, sets: 0, deletes: 0, fenced: 0, size: 0 };
  }
}
