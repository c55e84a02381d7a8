import { describe, expect, it } from 'vitest';
import { CacheKey, CacheTag, invalidateProduct } from './cache-keys.ts';
import { MemoryReadCache } from './memory-read-cache.ts';

const productId = 'UHJvZHVjdDphY21lOjE=';

describe('MemoryReadCache', () => {
  it('returns what was set until the TTL passes, counting hits and misses', async () => {
    let now = 1_000_000;
    const cache = new MemoryReadCache({ defaultTtlMs: 1000, now: () => now });
    await cache.set(CacheKey.product(productId), { title: 'Mug' });
    expect(await cache.get(CacheKey.product(productId))).toEqual({ title: 'Mug' });
    now += 1001;
    expect(await cache.get(CacheKey.product(productId))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, sets: 1 });
  });

  it('honours a per-entry TTL', async () => {
    let now = 1_000_000;
    const cache = new MemoryReadCache({ defaultTtlMs: 1000, now: () => now });
    await cache.set('levels:x', [1], { ttlMs: 10_000 });
    now += 5000;
    expect(await cache.get('levels:x')).toEqual([1]);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryReadCache({ maxEntries: 2 });
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.get('a');
    await cache.set('c', 3);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(cache.stats().size).toBe(2);
  });

  it('deletes by prefix and by tag', async () => {
    const cache = new MemoryReadCache();
    await cache.set(CacheKey.sku('acme', 'MUG-1'), ['p1'], { tags: [CacheTag.product(productId)] });
    await cache.set(CacheKey.sku('acme', 'MUG-2'), ['p2']);
    await cache.set(CacheKey.sku('other', 'MUG-1'), ['p3']);
    expect(await cache.deleteByPrefix(CacheKey.vendorSkus('acme'))).toBe(2);
    expect(await cache.get(CacheKey.sku('other', 'MUG-1'))).toEqual(['p3']);
    await cache.set(CacheKey.sku('acme', 'MUG-1'), ['p1'], { tags: [CacheTag.product(productId)] });
    expect(await cache.deleteByTag(CacheTag.product(productId))).toBe(1);
    expect(await cache.get(CacheKey.sku('acme', 'MUG-1'))).toBeUndefined();
  });

  it('invalidateProduct drops the product, its levels and every entry tagged with it', async () => {
    const cache = new MemoryReadCache();
    await cache.set(CacheKey.product(productId), { title: 'Mug' });
    await cache.set(CacheKey.levels(productId), [{ available: 3 }]);
    await cache.set(CacheKey.sku('acme', 'MUG-1'), [productId], { tags: [CacheTag.product(productId)] });
    await cache.set(CacheKey.product('other'), { title: 'Cup' });
    await invalidateProduct(cache, productId);
    expect(await cache.get(CacheKey.product(productId))).toBeUndefined();
    expect(await cache.get(CacheKey.levels(productId))).toBeUndefined();
    expect(await cache.get(CacheKey.sku('acme', 'MUG-1'))).toBeUndefined();
    expect(await cache.get(CacheKey.product('other'))).toEqual({ title: 'Cup' });
  });
});
