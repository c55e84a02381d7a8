import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';
import { adjustQuantities, type ChangeSpec } from './inventory-documents.ts';

/**
 * One mutation naming 5 SKUs at each of the four demo vendors by `vendorId`, `sku` and
 * `nativeLocationId`, against the simulators: each vendor's SKUs are resolved in one batched
 * lookup, whatever the number of changes. Counted against the same changes by global IDs.
 */
let demo: DemoGateway;
const VENDORS = ['demo-shopify', 'demo-woo', 'demo-magento', 'dropship'];
const SKUS = ['SG-1000', 'SG-1001', 'SG-1002', 'SG-1003', 'SG-1004'];
interface Found { id: string; vendorId: string; sku: string; inventoryLevels: Array<{ locationId: string; location: { nativeId: string } }> }
let products: Found[];

beforeAll(async () => {
  demo = await startDemoGateway();
  const response = await postGraphQL<{ productsBySku: Found[] }>(demo.url, 'query($skus: [String!]!) { productsBySku(skus: $skus) { id vendorId sku inventoryLevels { locationId location { nativeId } } } }', { skus: SKUS });
  products = response.data!.productsBySku.filter((product) => product.inventoryLevels.length > 0);
  for (const vendorId of VENDORS) expect(products.filter((product) => product.vendorId === vendorId)).toHaveLength(SKUS.length);
});
afterAll(async () => {
  await demo?.close();
});

async function countedAdjust(changes: ChangeSpec[], key: string) {
  await demo.gateway.services.cache.deleteByPrefix('');
  demo.resetCounts();
  const { response, payload } = await adjustQuantities(demo.url, { idempotencyKey: key, reason: 'received', changes });
  expect(response.errors).toBeUndefined();
  expect(payload!.userErrors).toEqual([]);
  expect(payload!.results.every((result) => result.status === 'APPLIED')).toBe(true);
  return { payload: payload!, counts: demo.counts() };
}

describe('native references across the four platforms', () => {
  it('resolves every vendor\'s SKUs in one batched lookup: by SKU costs global IDs plus one productsBySku', async () => {
    const byIds = await countedAdjust(products.map((product) => ({ productId: product.id, locationId: product.inventoryLevels[0]!.locationId, delta: 1 })), 'native-vendors-ids');
    const bySku = await countedAdjust(
      products.map((product) => ({ vendorId: product.vendorId, sku: product.sku, nativeLocationId: product.inventoryLevels[0]!.location.nativeId, delta: 1 })),
      'native-vendors-skus',
    );
    expect(bySku.payload.results.map((result) => [result.productId, result.locationId])).toEqual(products.map((product) => [product.id, product.inventoryLevels[0]!.locationId]));
    const extra = Object.fromEntries(VENDORS.map((vendorId) => [vendorId, bySku.counts[vendorId]! - byIds.counts[vendorId]!]));
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    await postGraphQL(demo.url, 'query($skus: [String!]!) { productsBySku(skus: $skus) { sku } }', { skus: SKUS });
    const lookup = demo.counts();
    expect(extra).toEqual(Object.fromEntries(VENDORS.map((vendorId) => [vendorId, lookup[vendorId]])));
    // One request each, WooCommerce two (its `sku=` list, then the matched variations' parents in one `include=` list).
    expect(extra).toEqual({ 'demo-shopify': 1, 'demo-woo': 2, 'demo-magento': 1, dropship: 1 });
  });
});
