import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invalidateStock } from '../../../src/cache/invalidate-stock.ts';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { ALL_VENDORS, INSTANT_RETRIES, VENDOR, scrapeMetric, startResilienceGateway, type ResilienceGateway } from './resilience-gateway-test-kit.ts';

/**
 * The shared read cache seen from a client: what it saves upstream (counted in the simulators'
 * request logs), what it never keeps (errors, a failing vendor's part of a response), and how a
 * write's invalidation makes the next read go to the vendor again.
 */
let sandbox: ResilienceGateway;

const PRODUCT = 'query($id: ID!) { product(id: $id) { id sku name price { amount currencyCode } totalAvailable inventoryLevels { locationId available onHand } } }';
const BY_SKU = 'query($skus: [String!]!) { productsBySku(skus: $skus) { id vendorId sku inventoryLevels { available } } }';

const upstreamTotal = () => ALL_VENDORS.reduce((sum, id) => sum + sandbox.servers[id].count(), 0);
const clearLogs = () => ALL_VENDORS.forEach((id) => sandbox.servers[id].clearLog());

beforeAll(async () => {
  // A TTL far above the test's duration: expiry is MemoryReadCache's unit test, not this one's.
  sandbox = await startResilienceGateway({
    cache: { ttlMs: 60_000 },
    resilience: { [VENDOR.DROPSHIP]: { retry: { ...INSTANT_RETRIES, maxAttempts: 1 } } },
  });
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  ALL_VENDORS.forEach((id) => sandbox.servers[id].setFaults({}));
  clearLogs();
});

async function idsOf(sku: string): Promise<Record<string, string>> {
  const response = await postGraphQL<{ productsBySku: Array<{ id: string; vendorId: string }> }>(sandbox.url, BY_SKU, { skus: [sku] });
  expect(response.errors).toBeUndefined();
  return Object.fromEntries(response.data!.productsBySku.map((product) => [product.vendorId, product.id]));
}

describe('the shared read cache', () => {
  it('serves a hot product(id) with its stock from the cache: zero upstream calls, counted as hits', async () => {
    const ids = await idsOf('SG-1010');
    for (const id of Object.values(ids)) await postGraphQL(sandbox.url, PRODUCT, { id });
    clearLogs();
    const hitsBefore = await scrapeMetric(sandbox.url, 'stockgraph_cache_requests_total', { result: 'hit' });

    for (const [vendorId, id] of Object.entries(ids)) {
      const response = await postGraphQL<{ product: { id: string; inventoryLevels: unknown[] } }>(sandbox.url, PRODUCT, { id });
      expect(response.errors, vendorId).toBeUndefined();
      expect(response.data!.product.id).toBe(id);
      expect(response.data!.product.inventoryLevels.length, vendorId).toBeGreaterThan(0);
    }
    expect(upstreamTotal()).toBe(0);
    expect(await scrapeMetric(sandbox.url, 'stockgraph_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(hitsBefore + 4);
  });

  it('answers from the cache exactly what the vendor answered (plain data round-trips)', async () => {
    const ids = await idsOf('SG-1011');
    for (const id of Object.values(ids)) {
      const cold = await postGraphQL(sandbox.url, PRODUCT, { id });
      const hot = await postGraphQL(sandbox.url, PRODUCT, { id });
      expect(hot.data).toEqual(cold.data);
    }
  });

  it('answers a repeated productsBySku from the cache, and sends only the new SKUs upstream', async () => {
    await postGraphQL(sandbox.url, BY_SKU, { skus: ['SG-1020', 'SG-1021'] });
    clearLogs();
    const again = await postGraphQL<{ productsBySku: unknown[] }>(sandbox.url, BY_SKU, { skus: ['SG-1020', 'SG-1021'] });
    expect(again.data!.productsBySku).toHaveLength(8);
    expect(upstreamTotal()).toBe(0);

    await postGraphQL(sandbox.url, BY_SKU, { skus: ['SG-1020', 'SG-1022'] });
    const dropshipSkus = sandbox.servers[VENDOR.DROPSHIP].requestLog.map((entry) => new URLSearchParams(entry.query).get('skus'));
    expect(dropshipSkus).toEqual(['SG-1022']);
  });

  it('after invalidateStock (what a stock write calls) the next read goes to the vendor again', async () => {
    const ids = await idsOf('SG-1030');
    await postGraphQL(sandbox.url, PRODUCT, { id: ids[VENDOR.MAGENTO] });
    clearLogs();
    await postGraphQL(sandbox.url, PRODUCT, { id: ids[VENDOR.MAGENTO] });
    expect(sandbox.servers[VENDOR.MAGENTO].count()).toBe(0);

    await invalidateStock(sandbox.gateway.services, [ids[VENDOR.MAGENTO]!]);
    const response = await postGraphQL(sandbox.url, PRODUCT, { id: ids[VENDOR.MAGENTO] });
    expect(response.errors).toBeUndefined();
    expect(sandbox.servers[VENDOR.MAGENTO].count()).toBeGreaterThan(0);
    // The SKU lookup that returned the product was dropped with it; the other vendors' were not.
    clearLogs();
    await postGraphQL(sandbox.url, BY_SKU, { skus: ['SG-1030'] });
    expect(sandbox.servers[VENDOR.MAGENTO].count()).toBeGreaterThan(0);
    expect(sandbox.servers[VENDOR.WOO].count()).toBe(0);
  });

  it('never keeps an error or a failing vendor’s share of a partial result', async () => {
    sandbox.servers[VENDOR.DROPSHIP].setFaults({ errorRate: 1 });
    const partial = await postGraphQL<{ productsBySku: Array<{ vendorId: string }> }>(sandbox.url, BY_SKU, { skus: ['SG-1040'] });
    expect(partial.data!.productsBySku.map((product) => product.vendorId).sort()).toEqual([VENDOR.MAGENTO, VENDOR.SHOPIFY, VENDOR.WOO]);
    expect(partial.errors).toEqual([expect.objectContaining({ path: ['productsBySku'], extensions: expect.objectContaining({ code: ErrorCode.VENDOR_ERROR, vendorId: VENDOR.DROPSHIP }) })]);

    sandbox.servers[VENDOR.DROPSHIP].setFaults({});
    clearLogs();
    const healed = await postGraphQL<{ productsBySku: Array<{ vendorId: string }> }>(sandbox.url, BY_SKU, { skus: ['SG-1040'] });
    expect(healed.errors).toBeUndefined();
    expect(healed.data!.productsBySku).toHaveLength(4);
    expect(sandbox.servers[VENDOR.DROPSHIP].count()).toBe(1);
    expect(upstreamTotal()).toBe(1);
  });

  it('does not remember unknown SKUs (a SKU created a moment later must be found)', async () => {
    await postGraphQL(sandbox.url, BY_SKU, { skus: ['NOPE-1'] });
    clearLogs();
    await postGraphQL(sandbox.url, BY_SKU, { skus: ['NOPE-1'] });
    for (const id of ALL_VENDORS) expect(sandbox.servers[id].count(), id).toBeGreaterThan(0);
  });
});
