import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addMocksToSchema } from '@graphql-tools/mock';
import { graphql, type GraphQLSchema } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load-config.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { loadAdminSchema2026_07 } from './admin-schema-2026-07.ts';

/**
 * The gateway against an Admin API mock it has never seen: not our simulator, but Shopify's real
 * schema (2025-07 SDL patched to 2026-07) served by @graphql-tools/mock with values chosen per
 * field. Whatever the gateway asks must be valid there, and what comes back must map field by field.
 */
const TOKEN = 'shpat_independent_mock_token';
let mockServer: Server;
let gateway: RunningGateway;
let requests = 0;
let serial = 0;

function buildMockSchema(): GraphQLSchema {
  return addMocksToSchema({
    schema: loadAdminSchema2026_07(),
    mocks: {
      ID: () => `gid://shopify/Node/${++serial}`,
      ProductVariant: () => ({
        id: `gid://shopify/ProductVariant/${++serial}`,
        title: 'Blue / XL',
        sku: `MOCK-${serial}`,
        barcode: '4006381333931',
        price: '1234.5678',
        updatedAt: '2026-10-01T10:00:00Z',
      }),
      Product: () => ({ id: `gid://shopify/Product/${++serial}`, title: 'Mocked Jacket', status: 'ACTIVE' }),
      InventoryItem: () => ({ id: `gid://shopify/InventoryItem/${++serial}`, tracked: true }),
      MoneyV2: () => ({ amount: '512.25', currencyCode: 'EUR' }),
      Shop: () => ({ currencyCode: 'EUR' }),
      Location: () => ({ id: `gid://shopify/Location/${++serial}`, name: 'Mock Warehouse' }),
      InventoryQuantity: () => ({ name: 'available', quantity: 7 }),
      PageInfo: () => ({ hasNextPage: false, hasPreviousPage: false }),
      Count: () => ({ count: 2, precision: 'EXACT' }),
      DateTime: () => '2026-10-01T10:00:00Z',
      Decimal: () => '1234.5678',
      Money: () => '1234.5678',
      URL: () => 'https://example.com/x',
    },
    // `nodes(ids:)` answers the abstract Node: pick the concrete type from the GID, as Shopify does.
    resolvers: {
      QueryRoot: {
        nodes: (_root: unknown, { ids }: { ids: string[] }) =>
          ids.map((id) => ({ __typename: /\/InventoryItem\//.test(id) ? 'InventoryItem' : 'ProductVariant', id })),
      },
    } as never,
  });
}

beforeAll(async () => {
  const schema = buildMockSchema();
  mockServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', async () => {
      requests += 1;
      if (req.url !== '/admin/api/2026-07/graphql.json' || req.headers['x-shopify-access-token'] !== TOKEN) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}');
        return;
      }
      const { query, variables, operationName } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      const result = await graphql({ schema, source: query, variableValues: variables, operationName });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => mockServer.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}`;
  const config = validateConfig(
    { environment: 'development', vendors: [{ id: 'mock-shop', name: 'Mock', platform: 'shopify', shopDomain: 'mock.myshopify.com', accessToken: '${TOKEN}', endpoint }] },
    { TOKEN },
    'test',
  );
  gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => mockServer?.close(resolve));
});

describe('the gateway against an independent mock of the real Admin schema', () => {
  it('sends only documents valid in the real schema and maps the answers field by field', async () => {
    const response = await postGraphQL<{ products: { nodes: Array<Record<string, unknown>> } }>(
      gateway.url,
      '{ products(first: 2) { nodes { id vendorId nativeId sku name price { amount currencyCode } cost { amount currencyCode } status barcode inventoryTracked updatedAt inventoryLevels { locationName available } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(requests).toBeGreaterThan(0);
    const nodes = response.data!.products.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node).toMatchObject({
        vendorId: 'mock-shop',
        nativeId: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\/\d+$/),
        sku: expect.stringMatching(/^MOCK-\d+$/),
        name: 'Mocked Jacket - Blue / XL',
        price: { amount: '1234.5678', currencyCode: 'EUR' },
        cost: { amount: '512.25', currencyCode: 'EUR' },
        status: 'ACTIVE',
        barcode: '4006381333931',
        inventoryTracked: true,
        updatedAt: '2026-10-01T10:00:00Z',
      });
      expect(node.inventoryLevels).toEqual(expect.arrayContaining([{ locationName: 'Mock Warehouse', available: 7 }]));
    }
    const again = await postGraphQL<{ product: { sku: string } }>(gateway.url, 'query($id: ID!) { product(id: $id) { sku } }', { id: nodes[0]!.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!.product.sku).toMatch(/^MOCK-\d+$/);
  });
});
