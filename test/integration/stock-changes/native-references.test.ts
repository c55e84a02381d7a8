import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { SimVariant } from '../../../src/sandbox/shopify/shopify-sim-catalog.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { startShopifyKit, type ShopifyKit } from '../shopify/shopify-test-kit.ts';
import { setQuantities, adjustQuantities } from './inventory-documents.ts';

/**
 * Stock mutations that name products and locations by the vendor's own IDs, as the seed's
 * `update_inventory_levels({ inventory_item_id, location_id, available })` did, against the
 * Shopify simulator: a variant GID, an InventoryItem GID, a SKU, a Location GID. Lookups are
 * counted from the simulator's request log.
 */
let kit: ShopifyKit;
let gateway: TestGateway;
const VENDOR = 'acme-shopify';
let tracked: SimVariant[];
let location: string;

beforeAll(async () => {
  // A Plus-sized cost bucket: these tests count requests, not throttling.
  kit = await startShopifyKit({ bucket: { maximumAvailable: 10_000, restoreRate: 1_000 } });
  gateway = await startGatewayWithSources([kit.source]);
  tracked = kit.sim.catalog.variantOrder.filter((variant) => variant.sku !== null && kit.sim.catalog.items.get(variant.inventoryItemId)?.tracked && kit.sim.catalog.items.get(variant.inventoryItemId)!.levels.has(kit.sim.catalog.locations[0]!.id));
  location = kit.sim.catalog.locations[0]!.id;
  expect(tracked.length).toBeGreaterThan(20);
});
afterAll(async () => {
  await gateway?.close();
  await kit?.close();
});
beforeEach(async () => {
  await gateway.services.cache.deleteByPrefix('');
  kit.sim.server.clearLog();
});

const operations = () => kit.sim.server.requestLog.map((entry) => entry.operation);
const available = (variant: SimVariant) => kit.sim.catalog.items.get(variant.inventoryItemId)!.levels.get(location)!.available;
let key = 0;
const nextKey = () => `native-${String(++key)}`;

describe('inventory mutations by native IDs and SKUs', () => {
  it('applies changes named by variant GID, InventoryItem GID and SKU, answering global IDs, with one lookup per kind of key', async () => {
    const [byVariant, byItem1, byItem2, bySku1, bySku2] = tracked;
    const input = {
      idempotencyKey: nextKey(),
      reason: 'cycle count',
      changes: [
        { vendorId: VENDOR, nativeProductId: byVariant!.id, nativeLocationId: location, quantity: 11 },
        { vendorId: VENDOR, nativeProductId: byItem1!.inventoryItemId, nativeLocationId: location, quantity: 12 },
        { vendorId: VENDOR, nativeProductId: byItem2!.inventoryItemId, locationId: locationGlobalId(VENDOR, location), quantity: 13 },
        { vendorId: VENDOR, sku: bySku1!.sku!, nativeLocationId: location, quantity: 14 },
        { vendorId: VENDOR, sku: bySku2!.sku!, nativeLocationId: location, quantity: 15 },
      ],
    };
    const { response, payload } = await setQuantities(gateway.url, input);
    expect(response.errors).toBeUndefined();
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.results.map((result) => [result.productId, result.locationId, result.status, result.after])).toEqual(
      [byVariant, byItem1, byItem2, bySku1, bySku2].map((variant, index) => [productGlobalId(VENDOR, variant!.id), locationGlobalId(VENDOR, location), 'APPLIED', 11 + index]),
    );
    expect([byVariant, byItem1, byItem2, bySku1, bySku2].map((variant) => available(variant!))).toEqual([11, 12, 13, 14, 15]);
    // Two InventoryItem GIDs in one `nodes(ids:)`, two SKUs in one search; then the write's own read and the mutation.
    expect(operations().filter((operation) => operation === 'VariantsByInventoryItemIds')).toHaveLength(1);
    expect(operations().filter((operation) => operation === 'ProductVariantsPage')).toHaveLength(1);
    expect(operations().filter((operation) => operation === 'InventorySetQuantities')).toHaveLength(1);

    // A retry with the same key replays the stored answer: references are not even looked up again.
    kit.sim.server.clearLog();
    expect((await setQuantities(gateway.url, input)).payload).toEqual(payload);
    expect(operations()).toEqual([]);
  });

  it('fails the whole mutation with the vendor\'s code when a SKU lookup fails, and writes nothing', async () => {
    const [variant] = tracked;
    const before = available(variant!);
    kit.sim.server.setFaults({ errorRate: 1 });
    try {
      const { response, payload } = await setQuantities(gateway.url, {
        idempotencyKey: nextKey(),
        reason: 'cycle count',
        changes: [{ vendorId: VENDOR, sku: variant!.sku!, nativeLocationId: location, quantity: before + 9 }],
      });
      expect(payload).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/^VENDOR_/), vendorId: VENDOR });
    } finally {
      kit.sim.server.setFaults({});
    }
    expect(available(variant!)).toBe(before);
    expect(operations()).not.toContain('InventorySetQuantities');
  });

  it('resolves 40 SKUs with one search: the same upstream requests as by global IDs plus one', async () => {
    const variants = tracked.slice(0, 40);
    const byIds = await adjustQuantities(gateway.url, {
      idempotencyKey: nextKey(),
      reason: 'received',
      changes: variants.map((variant) => ({ productId: productGlobalId(VENDOR, variant.id), locationId: locationGlobalId(VENDOR, location), delta: 1 })),
    });
    expect(byIds.payload!.results.every((result) => result.status === 'APPLIED')).toBe(true);
    const globalRequests = operations().length;
    await gateway.services.cache.deleteByPrefix('');
    kit.sim.server.clearLog();
    const bySku = await adjustQuantities(gateway.url, {
      idempotencyKey: nextKey(),
      reason: 'received',
      changes: variants.map((variant) => ({ vendorId: VENDOR, sku: variant.sku!, nativeLocationId: location, delta: 1 })),
    });
    expect(bySku.payload!.userErrors).toEqual([]);
    expect(bySku.payload!.results.every((result) => result.status === 'APPLIED')).toBe(true);
    expect(bySku.payload!.results.map((result) => result.productId)).toEqual(variants.map((variant) => productGlobalId(VENDOR, variant.id)));
    expect(operations().length).toBe(globalRequests + 1);
    expect(operations().filter((operation) => operation === 'ProductVariantsPage')).toHaveLength(1);
  });

  it('refuses the whole input, naming the field each bad change used, and changes nothing', async () => {
    const [good, other] = tracked;
    const before = available(good!);
    const { payload } = await setQuantities(gateway.url, {
      idempotencyKey: nextKey(),
      reason: 'cycle count',
      changes: [
        { vendorId: VENDOR, sku: good!.sku!, nativeLocationId: location, quantity: before + 50 },
        { vendorId: VENDOR, sku: 'NO-SUCH-SKU', nativeLocationId: location, quantity: 1 },
        { vendorId: VENDOR, nativeProductId: 'gid://shopify/InventoryItem/999999999', nativeLocationId: location, quantity: 1 },
        { vendorId: VENDOR, nativeProductId: other!.id, nativeLocationId: 'gid://shopify/Location/1', quantity: 1 },
      ],
    });
    expect(payload!.results).toEqual([]);
    expect(payload!.userErrors).toEqual([
      { field: ['input', 'changes', '1', 'sku'], code: 'PRODUCT_NOT_FOUND', message: expect.stringContaining('NO-SUCH-SKU') },
      { field: ['input', 'changes', '2', 'nativeProductId'], code: 'PRODUCT_NOT_FOUND', message: expect.any(String) },
    ]);
    expect(available(good!)).toBe(before);
    expect(operations()).not.toContain('InventorySetQuantities');

    // Once products resolve, the write's read finds the unknown location: nothing is written either.
    const unknownLocation = await setQuantities(gateway.url, {
      idempotencyKey: nextKey(),
      reason: 'cycle count',
      changes: [
        { vendorId: VENDOR, sku: good!.sku!, nativeLocationId: location, quantity: before + 50 },
        { vendorId: VENDOR, nativeProductId: other!.id, nativeLocationId: 'gid://shopify/Location/1', quantity: 1 },
      ],
    });
    expect(unknownLocation.payload!.userErrors).toEqual([{ field: ['input', 'changes', '1', 'nativeLocationId'], code: 'LOCATION_NOT_FOUND', message: expect.any(String) }]);
    expect(available(good!)).toBe(before);
    expect(operations()).not.toContain('InventorySetQuantities');
  });

  it('refuses malformed references before any vendor is asked', async () => {
    const [variant] = tracked;
    const { payload } = await setQuantities(gateway.url, {
      idempotencyKey: nextKey(),
      reason: 'cycle count',
      changes: [
        { sku: variant!.sku!, nativeLocationId: location, quantity: 1 },
        { productId: productGlobalId(VENDOR, variant!.id), vendorId: VENDOR, sku: variant!.sku!, nativeLocationId: location, quantity: 1 },
        { vendorId: VENDOR, nativeProductId: variant!.id, quantity: 1 },
        { vendorId: 'no-such-vendor', nativeProductId: variant!.id, nativeLocationId: location, quantity: 1 },
        { vendorId: 'no-such-vendor', productId: productGlobalId(VENDOR, variant!.id), locationId: locationGlobalId(VENDOR, location), quantity: 1 },
      ],
    });
    expect(payload!.userErrors.map((error) => [error.field.slice(2).join('.'), error.code])).toEqual([
      ['0.vendorId', 'INVALID_REFERENCE'],
      ['1.nativeProductId', 'INVALID_REFERENCE'],
      ['2.locationId', 'INVALID_REFERENCE'],
      ['3.vendorId', 'VENDOR_NOT_FOUND'],
      ['4.vendorId', 'VENDOR_MISMATCH'],
    ]);
    expect(operations()).toEqual([]);
  });

  it('refuses a SKU that several variants carry as AMBIGUOUS_SKU', async () => {
    const [first, second] = tracked.slice(30, 32);
    const original = second!.sku;
    (second as { sku: string | null }).sku = first!.sku;
    try {
      const { payload, response } = await setQuantities(gateway.url, {
        idempotencyKey: nextKey(),
        reason: 'cycle count',
        changes: [{ vendorId: VENDOR, sku: first!.sku!, nativeLocationId: location, quantity: 3 }],
      });
      expect(response.errors).toBeUndefined();
      expect(payload!.userErrors).toEqual([{ field: ['input', 'changes', '0', 'sku'], code: 'AMBIGUOUS_SKU', message: expect.stringContaining('2 products') }]);
      expect(operations()).not.toContain('InventorySetQuantities');
    } finally {
      (second as { sku: string | null }).sku = original;
    }
  });
});
