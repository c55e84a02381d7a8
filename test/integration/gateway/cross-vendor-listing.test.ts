import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';

const PAGE = `query Page($first: Int!, $after: String) {
  products(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id vendorId nativeId } }
  }
}`;

interface PageData {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; vendorId: string; nativeId: string } }>;
  };
}

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('products across vendors', () => {
  it('returns every product of every vendor exactly once, whatever the page size', async () => {
    const a = fakeVendorSource('vendor-a', 23);
    const b = fakeVendorSource('vendor-b', 0);
    const c = fakeVendorSource('vendor-c', 18);
    gateway = await startGatewayWithSources([a.source, b.source, c.source]);
    for (const first of [1, 5, 7, 10, 41, 100]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard += 1) {
        const response: GraphQLResponse<PageData> = await postGraphQL<PageData>(gateway!.url, PAGE, { first, after });
        expect(response.errors).toBeUndefined();
        const page: PageData["products"] = response.data!.products;
        expect(page.totalCount).toBe(41);
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(41);
      expect(new Set(seen).size).toBe(41);
    }
  });

  it('resumes from any edge cursor, not only the end of a page', async () => {
    const a = fakeVendorSource('vendor-a', 12);
    const b = fakeVendorSource('vendor-b', 5);
    gateway = await startGatewayWithSources([a.source, b.source]);
    const all = (await postGraphQL<PageData>(gateway.url, PAGE, { first: 17 })).data!.products.edges;
    for (let index = 0; index < all.length - 1; index += 1) {
      const next = await postGraphQL<PageData>(gateway.url, PAGE, { first: 1, after: all[index]!.cursor });
      expect(next.data!.products.edges[0]!.node.id).toBe(all[index + 1]!.node.id);
    }
  });

  it('keeps the other vendors\' products when one vendor fails, and names the failing vendor', async () => {
    const a = fakeVendorSource('vendor-a', 3);
    const down = fakeVendorSource('vendor-down', 3, {
      failWith: new UpstreamError('vendor-down could not be reached (ECONNREFUSED)', { vendorId: 'vendor-down', errorClass: UpstreamErrorClass.NETWORK }),
    });
    const c = fakeVendorSource('vendor-c', 2);
    gateway = await startGatewayWithSources([a.source, down.source, c.source]);
    const response = await postGraphQL<PageData>(gateway.url, 'query { products(first: 10) { edges { node { vendorId } } } }');
    expect(response.data!.products.edges.map((edge) => edge.node.vendorId)).toEqual(['vendor-a', 'vendor-a', 'vendor-a', 'vendor-c', 'vendor-c']);
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['products'],
        extensions: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE', vendorId: 'vendor-down', retryable: true }),
      }),
    ]);
  });

  it('rejects a page size outside 1..maxPageSize and a forged cursor with BAD_USER_INPUT', async () => {
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 3).source]);
    for (const variables of [{ first: 0 }, { first: 251 }, { first: 5, after: 'not-a-cursor' }]) {
      const response = await postGraphQL(gateway.url, PAGE, variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('batches productsBySku into one call per vendor and returns every vendor\'s match', async () => {
    const a = fakeVendorSource('vendor-a', 60);
    const b = fakeVendorSource('vendor-b', 60);
    gateway = await startGatewayWithSources([a.source, b.source]);
    const skus = Array.from({ length: 40 }, (_, index) => `SKU-${index}`);
    const response = await postGraphQL<{ productsBySku: Array<{ vendorId: string; sku: string }> }>(
      gateway.url,
      'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId sku inventoryLevels { available } } }',
      { skus },
    );
    expect(response.errors).toBeUndefined();
    // SKU-0..9 appear twice per vendor (items 1-10 and 51-60), SKU-10..39 once.
    expect(response.data!.productsBySku).toHaveLength(2 * 50);
    expect(a.calls.productsBySkus).toBe(1);
    expect(b.calls.productsBySkus).toBe(1);
    expect(a.calls.inventoryLevels + b.calls.inventoryLevels).toBe(0); // levels came inline
  });
});
