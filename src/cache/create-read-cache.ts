import type { CacheConfig } from '../config/cache-config.ts';
import { MemoryReadCache } from './memory-read-cache.ts';
import type { ReadCache } from './read-cache.ts';

/** The gateway's one shared read cache, built at start-up from the validated config. */
export function createReadCache(config: CacheConfig): ReadCache {
  return new MemoryReadCache({ defaultTtlMs: config.ttlMs, maxEntries: config.maxEntries });
}
