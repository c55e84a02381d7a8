import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * The whole graph as demo mode serves it: four real simulators over HTTP behind the gateway.
 * Upstream request counts are read from the simulators' request logs.
 */
let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway();
  // Warm the per-vendor facts the sources cache for minutes (Shopify shop currency, Magento
  // sources and configurable parents), so counts below are per operation, not per process.
  await postGraphQL(demo.url, '{ productsBySku(skus: ["SG-1000"]) { id inventoryLevels { available } } }');
});

afterAll(async () => {
  await demo?.close();
});

beforeEach(() => demo.resetCounts());

const operations = (vendorId: string): string[] => demo.sandbox.servers[vendorId]!.requestLog.map((entry) => entry.operation);

describe('the demo graph', () => {
  it('shows four vendors, one per platform', async () => {
    const response = await postGraphQL<{ vendors: Array<{ id: string; platform: string }> }>(demo.url, '{ vendors { id platform } }');
    expect(response.data!.vendors.map((vendor) => vendor.platform).sort()).toEqual(['CUSTOM', 'MAGENTO', 'SHOPIFY', 'WOOCOMMERCE']);
  });

  it('products(first: 200) with inventoryLevels and vendor costs the minimum Shopify requests', async () => {
    const response = await postGraphQL<{ products: { nodes: Array<{ inventoryLevels: unknown[]; vendor: { id: string } }> } }>(
      demo.url,
      '{ products(first: 200, vendorId: "demo-shopify") { nodes { id sku inventoryLevels { available locationName } vendor { id name } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.products.nodes).toHaveLength(200);
    expect(response.data!.products.nodes.every((node) => node.vendor.id === 'demo-shopify')).toBe(true);
    // A variant with its levels inline costs 18 query-cost points, and one query may request at
    // most 1,000, so 55 variants fit in a page: ceil(200 / 55) = 4 requests. `vendor` costs none.
    expect(operations('demo-shopify')).toEqual(Array(4).fill('ProductVariantsPageWithLevels'));
  });

  it('productsBySku for 100 SKUs fans out to all four vendors in parallel, each at its API minimum', async () => {
    const skus = [...Array.from({ length: 60 }, (_, index) => `SG-${1000 + index}`), ...Array.from({ length: 40 }, (_, index) => `NOPE-${index}`)];
    const response = await postGraphQL<{ productsBySku: Array<{ vendorId: string; sku: string }> }>(
      demo.url,
      'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId sku totalAvailable inventoryLevels { available } } }',
      { skus },
    );
    expect(response.errors).toBeUndefined();
    const byVendor = new Map<string, number>();
    for (const product of response.data!.productsBySku) byVendor.set(product.vendorId, (byVendor.get(product.vendorId) ?? 0) + 1);
    expect(Object.fromEntries(byVendor)).toEqual({ 'demo-shopify': 60, 'demo-woo': 60, 'demo-magento': 60, dropship: 60 });
    // Shopify: one SKU search (250 per page); levels of 60 variants don't fit the same query's cost → 1 levels query.
    expect(operations('demo-shopify')).toEqual(['ProductVariantsPage', 'InventoryLevelsByItemIds']);
    // WooCommerce: one `sku=` list (≤100); the matched variations' parents (names, status) in one `include=` list.
    expect(operations('demo-woo')).toEqual(['GET /products', 'GET /products']);
    // Magento: one `sku in (...)` search, one MSI source-items search.
    expect(operations('demo-magento')).toEqual(['GET /V1/products', 'GET /V1/inventory/source-items']);
    // Dropship Co: its batch endpoint takes 50 SKUs → 2 requests; stock comes inline.
    expect(operations('dropship')).toEqual(['GET /products/batch', 'GET /products/batch']);
  });

  it('lists every product of every vendor exactly once across pages', async () => {
    const seen = new Set<string>();
    let count = 0;
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 60; guard += 1) {
      const response: GraphQLResponse<{ products: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string }> } }> =
        await postGraphQL(demo.url, 'query($after: String) { products(first: 250, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }', { after });
      expect(response.errors).toBeUndefined();
      const page = response.data!.products;
      total = page.totalCount;
      for (const node of page.nodes) seen.add(node.id);
      count += page.nodes.length;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(count).toBe(total);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(2500);
  });

  it('global IDs round-trip through product(id) for every platform', async () => {
    const found = await postGraphQL<{ productsBySku: Array<{ id: string; vendorId: string; sku: string }> }>(demo.url, '{ productsBySku(skus: ["SG-1005"]) { id vendorId sku } }');
    const products = found.data!.productsBySku;
    expect(products).toHaveLength(4);
    for (const product of products) {
      const again = await postGraphQL<{ product: { id: string; vendorId: string; sku: string } }>(demo.url, 'query($id: ID!) { product(id: $id) { id vendorId sku } }', { id: product.id });
      expect(again.data!.product).toEqual(product);
    }
  });
});
