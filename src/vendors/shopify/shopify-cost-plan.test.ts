import { describe, expect, it } from 'vitest';
import {
  levelsBatchCapacity,
  levelsFirstFor,
  planListing,
  variantPageCapacity,
  variantPageCost,
  variantPageWithLevelsCapacity,
  variantsByIdsCapacity,
} from './shopify-cost-plan.ts';
import { chunkSkuSearches, filterSearch, quoteSearchValue, skuSearch, SEARCH_QUERY_MAX_CHARS } from './shopify-search-query.ts';

describe('cost planning (Shopify: ≤1000 requested points and ≤250 nodes per query)', () => {
  it('fits 249 variants in a page: 2 + 249 × 4 = 998 (250 would be 1002)', () => {
    expect(variantPageCapacity()).toBe(249);
    expect(variantPageCost(249, null)).toBe(998);
    expect(variantPageCost(250, null)).toBeGreaterThan(1000);
  });

  it('fits 250 variants in nodes(ids:): 250 × 4 = 1000', () => {
    expect(variantsByIdsCapacity()).toBe(250);
  });

  it('sizes level batches by the shop\'s location count: n × (3 + 4L) ≤ 1000', () => {
    expect(levelsBatchCapacity(3)).toBe(66); // 66 × 15 = 990
    expect(levelsBatchCapacity(1)).toBe(142);
    expect(levelsFirstFor(0)).toBe(1);
  });

  it('sizes pages with levels inline: 2 + n × (6 + 4L) ≤ 1000', () => {
    expect(variantPageWithLevelsCapacity(3)).toBe(55); // 2 + 55 × 18 = 992
    expect(variantPageCost(55, 3)).toBe(992);
  });

  it('chooses inline levels when that takes fewer requests', () => {
    // 200 variants, 3 locations: inline ⌈200/55⌉ = 4; separately ⌈200/249⌉ + ⌈200/66⌉ = 1 + 4 = 5.
    expect(planListing(200, 3, true)).toEqual({ inline: true, pageSize: 55, requests: 4 });
    // 249 variants, 20 locations: inline ⌈249/11⌉ = 23; separately 1 + ⌈249/12⌉ = 22.
    expect(planListing(249, 20, true)).toMatchObject({ inline: false, requests: 22 });
    expect(planListing(250, 3, false)).toEqual({ inline: false, pageSize: 249, requests: 2 });
  });
});

describe('SKU searches', () => {
  it('quotes values and escapes quotes and backslashes', () => {
    expect(quoteSearchValue('A"B\\C')).toBe('"A\\"B\\\\C"');
    expect(skuSearch(['SG-1000', 'SG-1001'])).toBe('sku:"SG-1000" OR sku:"SG-1001"');
  });

  it('packs as many SKUs per search as the cost and the length budget allow', () => {
    const skus = Array.from({ length: 100 }, (_, i) => `SG-${String(1000 + i)}`);
    expect(chunkSkuSearches(skus, 249)).toHaveLength(1);
    const long = Array.from({ length: 300 }, (_, i) => `VERY-LONG-SKU-CODE-${String(i).padStart(10, '0')}`);
    const chunks = chunkSkuSearches(long, 249);
    for (const chunk of chunks) expect(skuSearch(chunk).length).toBeLessThanOrEqual(SEARCH_QUERY_MAX_CHARS);
    expect(chunks.flat()).toEqual(long);
    expect(chunkSkuSearches(skus, 30).map((chunk) => chunk.length)).toEqual([30, 30, 30, 10]);
  });

  it('translates the product filter', () => {
    expect(filterSearch({})).toBeNull();
    expect(filterSearch({ status: 'DRAFT', updatedSince: '2026-01-01T00:00:00Z', query: 'mug' })).toBe('product_status:draft AND updated_at:>="2026-01-01T00:00:00Z" AND "mug"');
  });
});
