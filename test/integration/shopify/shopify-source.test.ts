import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../../../src/model/global-id.ts';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import type { InventoryChange } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startShopifyKit, type ShopifyKit } from './shopify-test-kit.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

/**
 * The Shopify source against the simulator over real HTTP, counting upstream requests.
 * The shop has 3 locations. Its bucket is large (20,000 points, 1,000/s, like a Plus shop) so
 * that what is measured is batching, not pacing (cost pacing is a later resilience issue).
 * The source reads ShopFacts (currency, location count) once per 10 minutes; each test below
 * runs after it is cached and counts the requests of the call itself.
 */
let kit: ShopifyKit;
const ctx = () => testCallContext();

beforeAll(async () => {
  kit = await startShopifyKit({ bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
  await kit.source.countProducts(ctx(), {});
  await kit.source.productsByNativeIds(ctx(), [kit.sim.catalog.variantOrder[0]!.id]);
  expect(kit.requests('ShopFacts')).toBe(1);
});
afterAll(async () => {
  expect(kit.sim.bucket.minimumLevel).toBeGreaterThanOrEqual(0);
  await kit.close();
});
beforeEach(() => kit.sim.server.clearLog());

describe('listProducts', () => {
  it('lists 200 variants with levels in 4 requests, the minimum the cost limit allows', async () => {
    // With levels inline a variant costs 4 + inventoryLevels(first: 3) 2 + 3 × 4 = 18 points:
    // 2 + 55 × 18 = 992 ≤ 1000, so 55 per page → ⌈200/55⌉ = 4. Fetching levels separately would
    // take 1 page (249 × 4) + ⌈200/66⌉ = 4 level batches = 5.
    const page = await kit.source.listProducts(ctx(), { first: 200, after: null, filter: {}, includeInventoryLevels: true });
    expect(kit.requests()).toBe(4);
    expect(kit.requests('ProductVariantsPageWithLevels')).toBe(4);
    expect(page.products).toHaveLength(200);
    expect(page.products.map((product) => product.nativeId)).toEqual(kit.sim.catalog.variantOrder.slice(0, 200).map((variant) => variant.id));
    for (const product of page.products) {
      const item = kit.sim.catalog.items.get(product.inventoryRef)!;
      expect(product.inventoryLevels?.length).toBe(item.levels.size);
    }
    expect(page.hasNextPage).toBe(true);
  });

  it('continues from the returned cursor without overlap', async () => {
    const first = await kit.source.listProducts(ctx(), { first: 50, after: null, filter: {}, includeInventoryLevels: false });
    const second = await kit.source.listProducts(ctx(), { first: 50, after: first.endCursor, filter: {}, includeInventoryLevels: false });
    expect(second.products.map((p) => p.nativeId)).toEqual(kit.sim.catalog.variantOrder.slice(50, 100).map((v) => v.id));
    expect(kit.requests()).toBe(2);
  });

  it('fills a page of 250 without levels in 2 requests (2 + 250 × 4 = 1002 > 1000, so 249 + 1)', async () => {
    const page = await kit.source.listProducts(ctx(), { first: 250, after: null, filter: {}, includeInventoryLevels: false });
    expect(page.products).toHaveLength(250);
    expect(kit.requests('ProductVariantsPage')).toBe(2);
  });

  it('filters by status and ends with hasNextPage false and a null cursor', async () => {
    const archived = [...kit.sim.catalog.variantOrder].filter((v) => kit.sim.catalog.products.get(v.productId)!.status === 'ARCHIVED');
    const page = await kit.source.listProducts(ctx(), { first: 250, after: null, filter: { status: 'ARCHIVED' }, includeInventoryLevels: false });
    expect(page.products.map((p) => p.nativeId)).toEqual(archived.map((v) => v.id));
    expect(page).toMatchObject({ hasNextPage: false, endCursor: null });
    expect(await kit.source.countProducts(ctx(), { status: 'ARCHIVED' })).toBe(archived.length);
  });
});

describe('batched lookups', () => {
  it('fetches 300 variants by ID in 2 requests (nodes(ids:) takes 250 ids, 250 × 4 = 1000 points)', async () => {
    const ids = kit.sim.catalog.variantOrder.slice(0, 300).map((variant) => variant.id);
    const unknown = 'gid://shopify/ProductVariant/1';
    const result = await kit.source.productsByNativeIds(ctx(), [...ids, unknown, 'not-a-gid']);
    expect(kit.requests('ProductVariantsByIds')).toBe(2);
    expect(kit.requests()).toBe(2);
    expect(result.slice(0, 300).map((product) => (product as StandardProduct).nativeId)).toEqual(ids);
    expect(result.slice(300)).toEqual([null, null]);
  });

  it('finds 100 SKUs in 1 request (2 + 100 × 4 points, ~1,700 characters of search)', async () => {
    const skus = [...sharedDemoSkus(), ...kit.sim.catalog.variantOrder.slice(60, 100).map((variant) => variant.sku ?? 'none')];
    const result = await kit.source.productsBySkus(ctx(), [...skus, 'NO-SUCH-SKU']);
    expect(kit.requests()).toBe(1);
    skus.forEach((sku, index) => {
      if (sku === 'none') return;
      expect(result[index]?.map((product) => product.sku)).toEqual([sku]);
    });
    expect(result[skus.length]).toEqual([]);
  });

  it('reads levels of 250 items in 4 requests (n × (3 + 4 × 3) ≤ 1000 → 66 per request; ⌈250/66⌉ = 4)', async () => {
    const products = (await kit.source.productsByNativeIds(ctx(), kit.sim.catalog.variantOrder.slice(0, 250).map((v) => v.id))) as StandardProduct[];
    kit.sim.server.clearLog();
    const levels = await kit.source.inventoryLevels(ctx(), products);
    expect(kit.requests('InventoryLevelsByItemIds')).toBe(4);
    expect(kit.requests()).toBe(4);
    products.forEach((product, index) => {
      const item = kit.sim.catalog.items.get(product.inventoryRef)!;
      const mine = levels[index]!;
      expect(mine.map((level) => level.available).sort()).toEqual([...item.levels.values()].map((level) => level.available).sort());
      for (const level of mine) expect(level.productId).toBe(product.id);
    });
  });
});

describe('stock writes (applyInPhases)', () => {
  async function products(from: number, count: number): Promise<StandardProduct[]> {
    // Tracked variants only: the planner refuses a write to an untracked item before sending it.
    const tracked = kit.sim.catalog.variantOrder.slice(from).filter((v) => kit.sim.catalog.items.get(v.inventoryItemId)?.tracked).slice(0, count);
    return (await kit.source.productsByNativeIds(ctx(), tracked.map((v) => v.id))) as StandardProduct[];
  }
  const location = () => kit.sim.catalog.locations[0]!.id;
  const available = (product: StandardProduct) => kit.sim.catalog.level(product.inventoryRef, location())!.available;

  it('applies a batch of 10 changes in 1 read + 1 mutation and reports before, after and the new level (Shopify answers quantityAfterChange: null)', async () => {
    // Tracked variants only: the writer refuses an untracked one before anything is sent.
    const targets = (await products(100, 20)).filter((product) => product.inventoryTracked).slice(0, 10);
    expect(targets).toHaveLength(10);
    const before = targets.map(available);
    kit.sim.server.clearLog();
    const changes: InventoryChange[] = targets.map((product, index) =>
      index % 2 === 0
        ? { product, locationNativeId: location(), mode: 'adjust', delta: 5 }
        : { product, locationNativeId: location(), mode: 'adjust', delta: -1, compareQuantity: before[index] });
    const results = await applyInPhases(kit.source.stockWrites, ctx(), changes, { idempotencyKey: 'write-10', reason: 'received' });
    // The products were handed in without levels: one read gives each adjust its changeFromQuantity.
    expect(kit.requests('ProductVariantsByIdsWithLevels')).toBe(1);
    expect(kit.requests('InventoryAdjustQuantities')).toBe(1);
    expect(kit.requests()).toBe(2);
    results.forEach((result, index) => {
      const delta = index % 2 === 0 ? 5 : -1;
      expect(result).toMatchObject({ status: 'APPLIED', before: before[index], after: before[index]! + delta, error: null });
      expect(result.level).toMatchObject({ productId: targets[index]!.id, available: before[index]! + delta, locationName: 'Main Street Store' });
      expect(decodeGlobalId(result.level!.locationId).nativeId).toBe(location());
      expect(available(targets[index]!)).toBe(before[index]! + delta);
    });
  });

  it('is deduplicated by Shopify when replayed with the same idempotency key: stock changes once', async () => {
    const [product] = await products(120, 1);
    const start = available(product!);
    const changes: InventoryChange[] = [{ product: product!, locationNativeId: location(), mode: 'adjust', delta: 7 }];
    kit.sim.server.clearLog();
    const first = await applyInPhases(kit.source.stockWrites, ctx(), changes, { idempotencyKey: 'replay-me', reason: 'restock' });
    const replay = await applyInPhases(kit.source.stockWrites, ctx(), changes, { idempotencyKey: 'replay-me', reason: 'restock' });
    // The replay read start + 7 and sent that as changeFromQuantity under the same key: Shopify
    // answered KEY_PARAMETER_MISMATCH, so it was sent again on start (read − delta) and Shopify
    // replayed the first answer.
    expect(kit.requests('InventoryAdjustQuantities')).toBe(3);
    expect(replay).toEqual(first);
    expect(first[0]).toMatchObject({ status: 'APPLIED', before: start, after: start + 7 });
    expect(available(product!)).toBe(start + 7);
    const other = await applyInPhases(kit.source.stockWrites, ctx(), changes, { idempotencyKey: 'another-key', reason: 'restock' });
    expect(other[0]?.after).toBe(start + 14);
  });

  it('answers CONFLICT for a stale compareQuantity and still applies the other changes', async () => {
    const targets = await products(130, 3);
    const before = targets.map(available);
    kit.sim.server.clearLog();
    const results = await applyInPhases(kit.source.stockWrites, ctx(), [
      { product: targets[0]!, locationNativeId: location(), mode: 'set', quantity: 40, compareQuantity: before[0] },
      { product: targets[1]!, locationNativeId: location(), mode: 'set', quantity: 41, compareQuantity: before[1]! + 1 },
      { product: targets[2]!, locationNativeId: location(), mode: 'set', quantity: 42 },
    ], { idempotencyKey: 'cas', reason: 'cycle count by hand' });
    expect(results.map((result) => result.status)).toEqual(['APPLIED', 'CONFLICT', 'APPLIED']);
    expect(results[1]?.error?.code).toBe('CHANGE_FROM_QUANTITY_STALE');
    expect(targets.map(available)).toEqual([40, before[1], 42]);
    // Shopify applies a batch atomically, so the two good entries went again without the stale one.
    expect(kit.requests('InventorySetQuantities')).toBe(2);
  });

  it('sends mixed modes as consecutive batches and repeated sets of one level in order', async () => {
    const [a, b] = await products(140, 2);
    kit.sim.server.clearLog();
    const results = await applyInPhases(kit.source.stockWrites, ctx(), [
      { product: a!, locationNativeId: location(), mode: 'set', quantity: 10 },
      { product: a!, locationNativeId: location(), mode: 'set', quantity: 12 },
      { product: b!, locationNativeId: location(), mode: 'adjust', delta: 1 },
    ], { idempotencyKey: 'mixed', reason: 'correction' });
    expect(results.map((r) => [r.status, r.after])).toEqual([['APPLIED', 10], ['APPLIED', 12], ['APPLIED', expect.any(Number)]]);
    expect(results.map((r) => r.before)).toEqual([expect.any(Number), 10, results[2]!.after! - 1]);
    expect(kit.requests()).toBe(4); // 1 read + 3 mutations
    expect(available(a!)).toBe(12);
  });

  it('reports a change at a location where the item is not stocked as FAILED NOT_FOUND, found by the read, with nothing sent', async () => {
    const item = [...kit.sim.catalog.items.values()].find((candidate) => candidate.levels.size < 3)!;
    const missing = kit.sim.catalog.locations.find((loc) => !item.levels.has(loc.id))!;
    const [product] = (await kit.source.productsByNativeIds(ctx(), [item.variantId])) as StandardProduct[];
    const [result] = await applyInPhases(kit.source.stockWrites, ctx(), [{ product: product!, locationNativeId: missing.id, mode: 'adjust', delta: 1 }], { idempotencyKey: 'nope', reason: 'correction' });
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'NOT_FOUND' } });
    expect(kit.requests('InventoryAdjustQuantities')).toBe(0);
  });
});
