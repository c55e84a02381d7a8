/**
 * A short-lived cache of vendor reads (products, stock levels) shared by every request.
 * Async so a Redis implementation can take the in-memory one's place; values must be plain
 * data (they may be serialized). Keys are built only through cache-keys.ts.
 */
export interface ReadCache {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs` (the cache's default when omitted); `tags` group keys for invalidation. */
  set<T>(key: string, value: T, options?: ReadCacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every key starting with `prefix`; answers how many were deleted. */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Deletes every key stored with `tag`; answers how many were deleted. */
  deleteByTag(tag: string): Promise<number>;
  /** Counters for metrics (monotonic, since start-up) and the current size. */
  stats(): ReadCacheStats;
}

export interface ReadCacheSetOptions {
  readonly ttlMs?: number;
  readonly tags?: readonly string[];
}

export interface ReadCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly sets: number;
  readonly deletes: number;
  readonly size: number;
}
