import { LRUCache } from 'lru-cache';
import type { ReadCache, ReadCacheSetOptions, ReadCacheStats } from './read-cache.ts';

export interface MemoryReadCacheOptions {
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries?: number;
  /** TTL when `set` names none: short, because stock moves. */
  readonly defaultTtlMs?: number;
  /** Time source for TTLs (tests); defaults to performance.now. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly tags: readonly string[];
}

/** The in-process ReadCache: an LRU with per-entry TTL and a tag index for invalidation. */
export class MemoryReadCache implements ReadCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private counters = { hits: 0, misses: 0, sets: 0, deletes: 0 };

  constructor(options: MemoryReadCacheOptions = {}) {
    this.lru = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      ttl: options.defaultTtlMs ?? 5_000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      dispose: (entry, key) => this.untag(key, entry.tags),
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.lru.get(key);
    if (entry === undefined) {
      this.counters.misses += 1;
      return undefined;
    }
    this.counters.hits += 1;
    return entry.value as T;
  }

  async set<T>(key: string, value: T, options: ReadCacheSetOptions = {}): Promise<void> {
    const tags = options.tags ?? [];
    this.lru.set(key, { value, tags }, options.ttlMs === undefined ? {} : { ttl: options.ttlMs });
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.counters.sets += 1;
  }

  async delete(key: string): Promise<void> {
    if (this.lru.delete(key)) this.counters.deletes += 1;
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const keys = [...this.lru.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) await this.delete(key);
    return keys.length;
  }

  async deleteByTag(tag: string): Promise<number> {
    const keys = [...(this.keysByTag.get(tag) ?? [])];
    for (const key of keys) await this.delete(key);
    this.keysByTag.delete(tag);
    return keys.length;
  }

  stats(): ReadCacheStats {
    return { ...this.counters, size: this.lru.size };
  }

  private untag(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
