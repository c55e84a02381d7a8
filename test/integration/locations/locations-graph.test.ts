import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locationGlobalId } from '../../../src/model/global-id.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * Locations as first-class objects, read from each vendor's own API through the demo simulators:
 * Shopify's `locations` connection, Magento's inventory sources, WooCommerce's one site location
 * (no request), Dropship Co's `GET /warehouses` (its mapping's `locations`). Upstream requests are
 * counted from the simulators' request logs.
 */
let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway();
});

afterAll(async () => {
  await demo?.close();
});

beforeEach(() => demo.resetCounts());

const operations = (vendorId: string): string[] => demo.sandbox.servers[vendorId]!.requestLog.map((entry) => entry.operation);
const locationReads = (vendorId: string) => operations(vendorId).filter((operation) => /LocationsPage|sources|warehouses/.test(operation));

interface Level { locationId: string; locationName: string; location: { id: string; nativeId: string; vendorId: string; name: string; active: boolean } }
interface Vendor { id: string; locations: Array<{ id: string; nativeId: string; vendorId: string; name: string; active: boolean }> }

describe('locations', () => {
  // Runs first, on cold caches: the locations of 100 products' levels per vendor cost one read per vendor.
  it('a page of 100 products per vendor with every level\'s location costs at most one location read per vendor', async () => {
    const vendorIds = ['demo-shopify', 'demo-woo', 'demo-magento', 'dropship'];
    const query = `{ ${vendorIds.map((id, index) => `v${index}: products(first: 100, vendorId: "${id}") { nodes { inventoryLevels { locationId locationName location { id nativeId vendorId name active } } } }`).join(' ')} }`;
    const response = await postGraphQL<Record<string, { nodes: Array<{ inventoryLevels: Level[] }> }>>(demo.url, query);
    expect(response.errors).toBeUndefined();
    const levels = Object.values(response.data!).flatMap((page) => page.nodes.flatMap((node) => node.inventoryLevels));
    expect(levels.length).toBeGreaterThan(400);
    for (const level of levels) {
      expect(level.location.id).toBe(level.locationId);
      expect(level.location.name).toBe(level.locationName);
      expect(level.location.active).toBe(true);
    }
    expect(locationReads('demo-shopify')).toEqual(['LocationsPage']);
    // The stock directory's one GET /V1/inventory/sources serves the levels and the locations alike.
    expect(locationReads('demo-magento')).toHaveLength(1);
    expect(locationReads('dropship')).toEqual(['GET /warehouses']);
    // WooCommerce has one location per site, named after the vendor: only the listing's own reads.
    expect(operations('demo-woo').every((operation) => operation.startsWith('GET /products'))).toBe(true);
  });

  it('Vendor.locations lists every platform\'s locations with native IDs, from the cache once read', async () => {
    const response = await postGraphQL<{ vendors: Vendor[] }>(demo.url, '{ vendors { id locations { id nativeId vendorId name active } } }');
    expect(response.errors).toBeUndefined();
    const byVendor = Object.fromEntries(response.data!.vendors.map((vendor) => [vendor.id, vendor.locations]));
    expect(byVendor['demo-shopify']!.map((location) => location.nativeId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^gid:\/\/shopify\/Location\/\d+$/)]),
    );
    expect(byVendor['demo-shopify']).toHaveLength(3);
    expect(byVendor['demo-woo']).toEqual([{ id: locationGlobalId('demo-woo', 'default'), nativeId: 'default', vendorId: 'demo-woo', name: expect.any(String), active: true }]);
    expect(byVendor.dropship!.map((location) => [location.nativeId, location.name])).toEqual([['rtm', 'Rotterdam'], ['lyn', 'Lyon'], ['lod', 'Łódź Hub']]);
    expect(byVendor['demo-magento']!.length).toBeGreaterThan(0);
    for (const [vendorId, locations] of Object.entries(byVendor)) {
      for (const location of locations) expect(location.id).toBe(locationGlobalId(vendorId, location.nativeId));
    }
    // Read by the test above and kept in the read cache (cache.locationsTtlMs): no upstream call.
    expect(Object.values(demo.counts()).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('location(id) answers a location by its global ID, null for an unknown one, BAD_USER_INPUT for another kind of ID', async () => {
    const id = locationGlobalId('dropship', 'lyn');
    const found = await postGraphQL<{ location: unknown }>(demo.url, 'query($id: ID!) { location(id: $id) { id nativeId name } }', { id });
    expect(found.data!.location).toEqual({ id, nativeId: 'lyn', name: 'Lyon' });
    const unknown = await postGraphQL<{ location: unknown }>(demo.url, 'query($id: ID!) { location(id: $id) { id } }', { id: locationGlobalId('dropship', 'nowhere') });
    expect(unknown.data!.location).toBeNull();
    const wrongKind = await postGraphQL(demo.url, '{ products(first: 1, vendorId: "dropship") { nodes { id } } }');
    const productId = (wrongKind.data as { products: { nodes: Array<{ id: string }> } }).products.nodes[0]!.id;
    const refused = await postGraphQL(demo.url, 'query($id: ID!) { location(id: $id) { id } }', { id: productId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
