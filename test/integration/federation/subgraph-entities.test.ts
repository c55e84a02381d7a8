import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * The gateway as an Apollo Federation 2 subgraph, against the demo simulators: `_service` names
 * the entity keys, `_entities` answers representations in batches through the request's loaders.
 */
let demo: DemoGateway;
let skus: string[];

const VENDOR = 'demo-woo';

beforeAll(async () => {
  demo = await startDemoGateway();
  const listing = await postGraphQL<{ products: { nodes: Array<{ sku: string | null }> } }>(demo.url, `{ products(first: 150, vendorId: "${VENDOR}") { nodes { sku } } }`);
  skus = [...new Set(listing.data!.products.nodes.flatMap((node) => (node.sku ? [node.sku] : [])))];
  expect(skus.length).toBeGreaterThanOrEqual(100);
});

afterAll(async () => {
  await demo?.close();
});

beforeEach(async () => {
  // Every count below starts cold: nothing in the shared read cache, nothing in the logs.
  await demo.gateway.services.cache.deleteByPrefix('');
  demo.resetCounts();
});

const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on StandardizedProduct { id sku vendorId name } ... on Vendor { id platform } } }';

describe('the federation subgraph', () => {
  it('_service.sdl links Federation 2 and declares the entity keys', async () => {
    const response = await postGraphQL<{ _service: { sdl: string } }>(demo.url, '{ _service { sdl } }');
    expect(response.errors).toBeUndefined();
    const sdl = response.data!._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])');
    expect(sdl).toMatch(/type StandardizedProduct\s+@key\(fields: "id"\)\s+@key\(fields: "vendorId sku"\)\s*\{/);
    expect(sdl).toMatch(/type Vendor\s+@key\(fields: "id"\)\s*\{/);
    expect(sdl).toMatch(/type Location\s+@key\(fields: "id"\)\s*\{/);
  });

  it('50 references by vendorId and sku cost the upstream requests of one productsBySku of 50 codes', async () => {
    const byReference = skus.slice(0, 50);
    const representations = byReference.map((sku) => ({ __typename: 'StandardizedProduct', vendorId: VENDOR, sku }));
    const entities = await postGraphQL<{ _entities: Array<{ sku: string; vendorId: string } | null> }>(demo.url, ENTITIES, { representations });
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities.map((entity) => entity?.sku)).toEqual(byReference);
    const entityRequests = demo.counts()[VENDOR]!;

    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    const byLookup = skus.slice(50, 100);
    const lookup = await postGraphQL<{ productsBySku: unknown[] }>(demo.url, 'query ($skus: [String!]!) { productsBySku(skus: $skus) { sku } }', { skus: byLookup });
    expect(lookup.errors).toBeUndefined();
    const lookupRequests = demo.counts()[VENDOR]!;

    expect(entityRequests).toBeGreaterThan(0);
    expect(entityRequests).toBe(lookupRequests);
  });

  it('one reference costs no fewer requests than 50 (they are batched, not one call each)', async () => {
    await postGraphQL(demo.url, ENTITIES, { representations: [{ __typename: 'StandardizedProduct', vendorId: VENDOR, sku: skus[0] }] });
    const one = demo.counts()[VENDOR]!;
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    await postGraphQL(demo.url, ENTITIES, { representations: skus.slice(1, 51).map((sku) => ({ __typename: 'StandardizedProduct', vendorId: VENDOR, sku })) });
    expect(demo.counts()[VENDOR]).toBe(one);
  });

  it('resolves references by id, vendors by id, and answers null for what does not exist', async () => {
    const found = await postGraphQL<{ _entities: Array<{ id: string } | null> }>(demo.url, ENTITIES, {
      representations: [{ __typename: 'StandardizedProduct', vendorId: VENDOR, sku: skus[0] }],
    });
    const id = found.data!._entities[0]!.id;
    const response = await postGraphQL<{ _entities: Array<Record<string, unknown> | null> }>(demo.url, ENTITIES, {
      representations: [
        { __typename: 'StandardizedProduct', id },
        { __typename: 'Vendor', id: 'demo-shopify' },
        { __typename: 'Vendor', id: 'no-such-vendor' },
        { __typename: 'StandardizedProduct', vendorId: VENDOR, sku: 'NO-SUCH-SKU' },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { __typename: 'StandardizedProduct', id, sku: skus[0], vendorId: VENDOR, name: expect.any(String) },
      { __typename: 'Vendor', id: 'demo-shopify', platform: 'SHOPIFY' },
      null,
      null,
    ]);
  });

  it('resolves 50 Location references with one locations read per vendor, null for unknown or non-location IDs', async () => {
    const listing = await postGraphQL<{ products: { nodes: Array<{ inventoryLevels: Array<{ locationId: string }> }> } }>(
      demo.url,
      '{ products(first: 50, vendorId: "dropship") { nodes { inventoryLevels { locationId } } } }',
    );
    const locationIds = listing.data!.products.nodes.flatMap((node) => node.inventoryLevels.map((level) => level.locationId)).slice(0, 50);
    expect(locationIds).toHaveLength(50);
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    const representations = [
      ...locationIds.map((id) => ({ __typename: 'Location', id })),
      { __typename: 'Location', id: 'bm90LWFuLWlk' },
      { __typename: 'Location', id: Buffer.from('L:dropship:nowhere').toString('base64url') },
    ];
    const response = await postGraphQL<{ _entities: Array<{ id: string; vendorId: string; name: string } | null> }>(
      demo.url,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Location { id nativeId vendorId name active } } }',
      { representations },
    );
    expect(response.errors).toBeUndefined();
    const entities = response.data!._entities;
    expect(entities.slice(0, 50).map((entity) => entity?.id)).toEqual(locationIds);
    expect(entities.slice(0, 50).every((entity) => entity?.vendorId === 'dropship' && entity.name.length > 0)).toBe(true);
    expect(entities.slice(50)).toEqual([null, null]);
    expect(demo.sandbox.servers.dropship!.requestLog.map((entry) => entry.operation)).toEqual(['GET /warehouses']);
  });
});
