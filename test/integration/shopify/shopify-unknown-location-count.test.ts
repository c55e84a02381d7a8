import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCallContext } from '../../support/call-context.ts';
import { startShopifyKit, type ShopifyKit } from './shopify-test-kit.ts';

/**
 * `locationsCount` is nullable in the Admin schema, and an independent implementation answered
 * without it (issue #21.3). Asking one level per item then costs a request per item stocked at
 * more locations. The source asks FALLBACK_LEVELS_FIRST (5) levels per item until it has seen
 * the answers, then as many as the most any item had (the simulator's shop has 3 locations).
 */
let kit: ShopifyKit;
const ctx = () => testCallContext();

beforeAll(async () => {
  kit = await startShopifyKit({ bucket: { maximumAvailable: 20_000, restoreRate: 1_000 }, answers: { locationsCount: 'null' } });
});
afterAll(() => kit.close());

describe('a Shopify listing with levels when locationsCount is null', () => {
  it('reads 200 variants in 6 pages the first time (5 levels each: 38 per page), then in 4 (3 levels: 55 per page)', async () => {
    const first = await kit.source.listProducts(ctx(), { first: 200, after: null, filter: {}, includeInventoryLevels: true });
    expect(kit.requests('ShopFacts')).toBe(1);
    expect(kit.requests('ProductVariantsPageWithLevels')).toBe(6);
    expect(kit.requests()).toBe(7);
    expect(first.products).toHaveLength(200);
    for (const product of first.products) {
      const item = kit.sim.catalog.items.get(product.inventoryRef)!;
      expect(product.inventoryLevels).toHaveLength(item.levels.size);
    }

    kit.sim.server.clearLog();
    const again = await kit.source.listProducts(ctx(), { first: 200, after: null, filter: {}, includeInventoryLevels: true });
    expect(kit.requests('ProductVariantsPageWithLevels')).toBe(4);
    expect(kit.requests()).toBe(4);
    expect(again.products.map((product) => product.inventoryLevels)).toEqual(first.products.map((product) => product.inventoryLevels));
  });
});
