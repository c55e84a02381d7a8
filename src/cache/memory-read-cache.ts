import { LRUCache } from 'lru-cache';
import type { ReadCache, ReadCacheSetOptions, ReadCacheStats, ReadTicket } from './read-cache.ts';

export interface MemoryReadCacheOptions {
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries?: number;
  /** TTL when `set` names none: short, because stock moves. */
  readonly defaultTtlMs?: number;
  /**
   * How long deletions are remembered to fence reads that were in flight (see ReadCache). A
   * read older than this cannot store its value at all; requests end long before (deadline).
   */
  readonly fenceWindowMs?: number;
  /** Time source for TTLs (tests); defaults to performance.now. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly tags: readonly string[];
}

interface Deletion {
  readonly sequence: number;
  readonly at: number;
}

/** The in-process ReadCache: an LRU with per-entry TTL and a tag index for invalidation. */
export class MemoryReadCache implements ReadCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly now: () => number;
  private readonly fenceWindowMs: number;
  /** Recent deletions by key, tag and prefix (namespaced), for fencing in-flight reads. */
  private readonly deletions = new Map<string, Deletion>();
  private sequence = 0;
  private counters = { hits: 0, misses: 0, sets: 0, deletes: 0, fenced: 0 };

  constructor(options: MemoryReadCacheOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.fenceWindowMs = options.fenceWindowMs ?? 60_000;
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
    if (options.ticket && this.fenced(key, tags, options.ticket)) {
      this.counters.fenced += 1;
      return;
    }
    this.lru.set(key, { value, tags }, options.ttlMs === undefined ? {} : { ttl: options.ttlMs });
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.counters.sets += 1;
  }

  async delete(key: string): Promise<void> {
    this.remember(`key:${key}`);
    this.drop(key);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    this.remember(`prefix:${prefix}`);
    const keys = [...this.lru.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.drop(key);
    return keys.length;
  }

  async deleteByTag(tag: string): Promise<number> {
    this.remember(`tag:${tag}`);
    const keys = [...(this.keysByTag.get(tag) ?? [])];
    for (const key of keys) this.drop(key);
    this.keysByTag.delete(tag);
    return keys.length;
  }

  async beginRead(): Promise<ReadTicket> {
    return { sequence: this.sequence, takenAt: this.now() };
  }

  stats(): ReadCacheStats {
    return { ...this.counters, size: this.lru.size };
  }

  private drop(key: string): void {
    if (this.lru.delete(key)) this.counters.deletes += 1;
  }

  private remember(what: string): void {
    this.sequence += 1;
    const at = this.now();
    // Re-inserted so the map stays in deletion order and pruning can stop at the first young one.
    this.deletions.delete(what);
    this.deletions.set(what, { sequence: this.sequence, at });
    for (const [name, deletion] of this.deletions) {
      if (deletion.at >= at - this.fenceWindowMs) break;
      this.deletions.delete(name);
    }
  }

  private fenced(key: string, tags: readonly string[], ticket: ReadTicket): boolean {
    if (this.now() - ticket.takenAt > this.fenceWindowMs) return true; // deletions since may be forgotten
    const after = (name: string) => (this.deletions.get(name)?.sequence ?? 0) > ticket.sequence;
    if (after(`key:${key}`) || tags.some((tag) => after(`tag:${tag}`))) return true;
    for (const [name, deletion] of this.deletions) {
      if (deletion.sequence > ticket.sequence && name.startsWith('prefix:') && key.startsWith(name.slice('prefix:'.length))) return true;
    }
    return false;
  }

  private untag(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
