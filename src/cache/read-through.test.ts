import { describe, expect, it } from 'vitest';
import { CacheKey, CacheTag } from './cache-keys.ts';
import { invalidateStock } from './invalidate-stock.ts';
import { MemoryReadCache } from './memory-read-cache.ts';
import type { ReadCache } from './read-cache.ts';
import { CacheName, readThrough, type ReadThroughObserver, type ReadThroughSpec } from './read-through.ts';

interface Item {
  readonly id: string;
  readonly stock: number;
  readonly when?: Date;
}

const spec: ReadThroughSpec<string, Item | null> = {
  name: CacheName.PRODUCT,
  keyOf: (id) => CacheKey.product(id),
  cacheable: (item) => item !== null,
  tagsOf: (item) => (item ? [CacheTag.product(item.id)] : []),
};

function recordingObserver(): ReadThroughObserver & { counts: Record<string, number>; failures: number } {
  const observer = {
    counts: {} as Record<string, number>,
    failures: 0,
    lookups(name: string, result: string, count: number) {
      observer.counts[`${name}:${result}`] = (observer.counts[`${name}:${result}`] ?? 0) + count;
    },
    cacheFailed() {
      observer.failures += 1;
    },
  };
  return observer;
}

function vendor(stock: Record<string, number | Error | null>) {
  const batches: string[][] = [];
  const load = async (ids: readonly string[]) => {
    batches.push([...ids]);
    return ids.map((id) => {
      const value = stock[id];
      return value instanceof Error || value === null || value === undefined ? (value ?? null) : { id, stock: value };
    });
  };
  return { batches, load };
}

describe('readThrough', () => {
  it('answers cached keys from the cache and sends only the missing ones to the vendor, in one batch, in key order', async () => {
    const cache = new MemoryReadCache();
    const observer = recordingObserver();
    const upstream = vendor({ a: 1, b: 2, c: 3 });
    await readThrough(cache, spec, ['a'], upstream.load, observer);
    const answers = await readThrough(cache, spec, ['b', 'a', 'c'], upstream.load, observer);
    expect(answers).toEqual([{ id: 'b', stock: 2 }, { id: 'a', stock: 1 }, { id: 'c', stock: 3 }]);
    expect(upstream.batches).toEqual([['a'], ['b', 'c']]);
    expect(observer.counts).toEqual({ 'product:miss': 3, 'product:hit': 1 });
  });

  it('never stores errors or what the spec rejects (an unknown id)', async () => {
    const cache = new MemoryReadCache();
    const upstream = vendor({ a: new Error('vendor 500'), b: null, c: 3 });
    const first = await readThrough(cache, spec, ['a', 'b', 'c'], upstream.load, recordingObserver());
    expect(first[0]).toBeInstanceOf(Error);
    expect(first[1]).toBeNull();
    await readThrough(cache, spec, ['a', 'b', 'c'], upstream.load, recordingObserver());
    expect(upstream.batches).toEqual([['a', 'b', 'c'], ['a', 'b']]);
  });

  it('stores nothing when the whole call fails, and the failure reaches the caller', async () => {
    const cache = new MemoryReadCache();
    const failing = async (): Promise<Array<Item | null>> => {
      throw new Error('vendor down');
    };
    await expect(readThrough(cache, spec, ['a'], failing, recordingObserver())).rejects.toThrow('vendor down');
    expect(cache.stats()).toMatchObject({ sets: 0, size: 0 });
  });

  it('stores plain data, as a serializing cache (Redis) would give it back', async () => {
    const cache = new MemoryReadCache();
    const when = new Date('2026-03-01T10:00:00Z');
    const load = async (ids: readonly string[]) => ids.map((id) => ({ id, stock: 1, when }));
    await readThrough(cache, spec, ['a'], load, recordingObserver());
    expect(await cache.get(CacheKey.product('a'))).toStrictEqual({ id: 'a', stock: 1, when: '2026-03-01T10:00:00.000Z' });
  });

  it('reads from the vendor when the cache itself fails, and says so', async () => {
    const broken: ReadCache = Object.assign(new MemoryReadCache(), {
      get: async () => {
        throw new Error('redis: connection refused');
      },
      set: async () => {
        throw new Error('redis: connection refused');
      },
    });
    const observer = recordingObserver();
    const upstream = vendor({ a: 1 });
    await expect(readThrough(broken, spec, ['a'], upstream.load, observer)).resolves.toEqual([{ id: 'a', stock: 1 }]);
    expect(observer.failures).toBe(2);
  });

  it('does not put back a value read while an invalidation of it ran (the read began before the write)', async () => {
    const cache = new MemoryReadCache();
    let releaseRead!: () => void;
    const slowLoad = async (ids: readonly string[]) => {
      await new Promise<void>((resolve) => (releaseRead = resolve));
      return ids.map((id) => ({ id, stock: 10 })); // the level before the write
    };
    const reading = readThrough(cache, spec, ['a'], slowLoad, recordingObserver());
    await new Promise((resolve) => setImmediate(resolve));
    await invalidateStock({ cache }, ['a']); // the write to `a` completed meanwhile
    releaseRead();
    await expect(reading).resolves.toEqual([{ id: 'a', stock: 10 }]);
    expect(await cache.get(CacheKey.product('a'))).toBeUndefined();
    expect(cache.stats().fenced).toBe(1);
  });
});

describe('MemoryReadCache fencing', () => {
  it('fences by key, by tag and by prefix, only for deletions after the ticket', async () => {
    const cache = new MemoryReadCache();
    const before = await cache.beginRead();
    await cache.delete('levels:a');
    await cache.deleteByTag(CacheTag.product('b'));
    await cache.deleteByPrefix('sku:acme:');
    const after = await cache.beginRead();
    await cache.set('levels:a', 1, { ticket: before });
    await cache.set('sku:other:X', 2, { ticket: before, tags: [CacheTag.product('b')] });
    await cache.set('sku:acme:Y', 3, { ticket: before });
    await cache.set('levels:c', 4, { ticket: before });
    expect(cache.stats()).toMatchObject({ fenced: 3, sets: 1 });
    await cache.set('levels:a', 5, { ticket: after });
    expect(await cache.get('levels:a')).toBe(5);
  });

  it('refuses a ticket older than the fence window (its deletions may be forgotten)', async () => {
    let now = 0;
    const cache = new MemoryReadCache({ fenceWindowMs: 1000, now: () => now });
    const ticket = await cache.beginRead();
    now += 1001;
    await cache.set('levels:a', 1, { ticket });
    expect(await cache.get('levels:a')).toBeUndefined();
  });
});

describe('invalidateStock', () => {
  it('drops each product, its levels and the SKU lookups that returned it', async () => {
    const cache = new MemoryReadCache();
    await cache.set(CacheKey.product('p1'), { id: 'p1' });
    await cache.set(CacheKey.levels('p1'), []);
    await cache.set(CacheKey.sku('acme', 'MUG'), [{ id: 'p1' }], { tags: [CacheTag.product('p1')] });
    await cache.set(CacheKey.levels('p2'), []);
    await cache.set(CacheKey.levels('p3'), []);
    await invalidateStock({ cache }, ['p1', 'p2', 'p1']);
    expect(cache.stats().size).toBe(1);
    expect(await cache.get(CacheKey.levels('p3'))).toEqual([]);
  });
});
