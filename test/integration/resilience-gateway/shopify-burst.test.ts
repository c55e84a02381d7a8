import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { VENDOR, scrapeMetric, startResilienceGateway, type ResilienceGateway } from './resilience-gateway-test-kit.ts';

/**
 * Shopify's classic leaky bucket (1,000 points) with a fast restore (500 points/s, so the test
 * is short) and a burst of concurrent listings that together ask for more than the bucket holds.
 * The gateway's cost budget (platform defaults: it learns the real bucket from every answer)
 * makes the calls wait for points instead of being THROTTLED.
 */
const BUCKET = { maximumAvailable: 1000, restoreRate: 500 };
const BURST = 5;
const PAGE = 20;
// A variant with its levels inline costs 18 query-cost points (see the demo graph test).
const POINTS_PER_PAGE_AT_LEAST = PAGE * 18;

let sandbox: ResilienceGateway;

beforeAll(async () => {
  sandbox = await startResilienceGateway({ shopifyBucket: BUCKET });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('a burst of Shopify queries costing more than the bucket holds', () => {
  it('is paced: every query answers, no THROTTLED reaches the vendor log or the client, the bucket never goes below 0', async () => {
    expect(BURST * POINTS_PER_PAGE_AT_LEAST).toBeGreaterThan(BUCKET.maximumAvailable);
    // Five different page sizes: identical listings at the same time would share one read (single flight).
    const query = (index: number) => `{ products(first: ${PAGE + index}, vendorId: "${VENDOR.SHOPIFY}") { nodes { id inventoryLevels { available } } } }`;
    const responses = await Promise.all(Array.from({ length: BURST }, (_, index) => postGraphQL<{ products: { nodes: unknown[] } }>(sandbox.url, query(index))));

    responses.forEach((response, index) => {
      expect(response.errors).toBeUndefined();
      expect(response.data!.products.nodes).toHaveLength(PAGE + index);
    });
    const pages = sandbox.servers[VENDOR.SHOPIFY].requestLog.filter((entry) => entry.operation === 'ProductVariantsPageWithLevels');
    expect(pages.map((entry) => entry.status)).toEqual(Array(BURST).fill(200));
    expect(sandbox.shopify.bucket.minimumLevel).toBeGreaterThanOrEqual(0);
    // ...and the burst really used the bucket: it ran close to empty rather than being spread thin.
    expect(sandbox.shopify.bucket.minimumLevel).toBeLessThan(BUCKET.maximumAvailable - 2 * POINTS_PER_PAGE_AT_LEAST);
    expect(await scrapeMetric(sandbox.url, 'stockgraph_upstream_requests_total', { vendor: VENDOR.SHOPIFY, error_class: 'rate_limit' })).toBe(0);
    expect(await scrapeMetric(sandbox.url, 'stockgraph_upstream_retries_total', { vendor: VENDOR.SHOPIFY })).toBe(0);
    expect(await scrapeMetric(sandbox.url, 'stockgraph_graphql_errors_total')).toBe(0);
  });

  it('reports the bucket it learned in Vendor.health.rateLimitRemaining (0..1) and the metrics gauge', async () => {
    const response = await postGraphQL<{ vendor: { health: { rateLimitRemaining: number } } }>(sandbox.url, `{ vendor(id: "${VENDOR.SHOPIFY}") { health { rateLimitRemaining } } }`);
    const remaining = response.data!.vendor.health.rateLimitRemaining;
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(remaining).toBeLessThanOrEqual(1);
    const gauge = await scrapeMetric(sandbox.url, 'stockgraph_vendor_rate_budget_remaining_ratio', { vendor: VENDOR.SHOPIFY });
    expect(gauge).toBeGreaterThanOrEqual(0);
    expect(gauge).toBeLessThanOrEqual(1);
  });
});
