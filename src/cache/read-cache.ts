/**
 * A short-lived cache of vendor reads (products, stock levels) shared by every request.
 * Async so a Redis implementation can take the in-memory one's place; values must be plain
 * data (they may be serialized). Keys are built only through cache-keys.ts.
 *
 * Invalidation races: a read that started before a write may finish after the write's
 * invalidation and would then put the old value back for a whole TTL. So a reader takes a
 * ticket (`beginRead`) BEFORE it asks the vendor and hands it to `set`; the cache skips the
 * write when the key, one of its tags or a prefix of it was deleted after the ticket was taken.
 * (In Redis: an INCR'd sequence as ticket, deletions recorded with their sequence, a Lua `set`.)
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
  /** A ticket for a read about to ask the vendor; pass it to `set` (see above). */
  beginRead(): Promise<ReadTicket>;
  /** Counters for metrics (monotonic, since start-up) and the current size. */
  stats(): ReadCacheStats;
}

/** Opaque to readers: when a read began, in the cache's own order of events. */
export interface ReadTicket {
  readonly sequence: number;
  readonly takenAt: number;
}

export interface ReadCacheSetOptions {
  readonly ttlMs?: number;
  readonly tags?: readonly string[];
  /** Skip the write when the key (or a tag, or a prefix) was deleted after this ticket was taken. */
  readonly ticket?: ReadTicket;
}

export interface ReadCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly sets: number;
  readonly deletes: number;
  /** Writes skipped because an invalidation happened while the value was being read. */
  readonly fenced: number;
  readonly size: number;
}
