import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp, errorCodeOf, outputSchemaErrors } from './mcp-test-kit.ts';

interface StockProduct {
  id: string;
  vendorId: string;
  inventoryLevels: Array<{ locationId: string; available: number }>;
}

describe('MCP tools over Streamable HTTP against the simulators', () => {
  let gateway: McpGateway;
  let admin: Client;
  let tools: Map<string, Tool>;
  beforeAll(async () => {
    gateway = await startMcpGateway();
    admin = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.admin });
    tools = new Map((await admin.listTools()).tools.map((tool) => [tool.name, tool]));
  });
  afterAll(async () => {
    await admin.close();
    await gateway.close();
  });

  it('describes every tool with input and output schemas and annotations', () => {
    for (const tool of tools.values()) {
      expect(tool.description?.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(!['set_inventory', 'adjust_inventory', 'start_inventory_sync', 'create_purchase_order_drafts', 'submit_purchase_order', 'receive_purchase_order'].includes(tool.name));
    }
    expect(tools.get('set_inventory')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(tools.get('get_stock')?.inputSchema.properties?.skus).toMatchObject({ maxItems: 250, minItems: 1 });
    expect(tools.get('set_inventory')?.inputSchema.required).toEqual(expect.arrayContaining(['idempotencyKey', 'reason', 'changes']));
  });

  it('answers every tool with structuredContent that matches its outputSchema and the schema field names', async () => {
    const stock = await callTool(admin, 'get_stock', { skus: ['SG-1000', 'SG-1001', 'NO-SUCH-SKU'] });
    const products = (stock.structuredContent as { products: StockProduct[] }).products;
    const woo = products.find((product) => product.vendorId === 'demo-woo' && product.inventoryLevels.length > 0);
    expect(woo).toBeDefined();
    const level = woo!.inventoryLevels[0]!;
    const search = await callTool(admin, 'search_products', { query: 'SG-10', first: 2 });
    const after = (search.structuredContent as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const calls: Array<[string, Record<string, unknown>]> = [
      ['list_vendors', {}],
      ['search_products', { query: 'SG-10', first: 2, after }],
      ['forecast_demand', { sku: 'SG-1000', horizonDays: 14 }],
      ['forecast_demand', { sku: 'SG-1000', vendorId: 'demo-woo', horizonDays: 7 }],
      ['reorder_suggestions', {}],
      ['reorder_suggestions', { vendorId: 'demo-magento' }],
      ['set_inventory', { idempotencyKey: 'schema-set-1', reason: 'cycle count', changes: [{ productId: woo!.id, locationId: level.locationId, quantity: level.available }] }],
      ['adjust_inventory', { idempotencyKey: 'schema-adjust-1', reason: 'received', changes: [{ productId: woo!.id, locationId: level.locationId, delta: 2 }] }],
      ['create_purchase_order_drafts', { idempotencyKey: 'schema-drafts-1', vendorIds: ['demo-woo'] }],
      ['inventory_changes', { first: 5 }],
    ];
    const results: Array<[string, CallToolResult]> = [['get_stock', stock], ['search_products', search]];
    for (const [name, args] of calls) results.push([name, await callTool(admin, name, args)]);
    for (const [name, result] of results) {
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      expect(outputSchemaErrors(tools.get(name)!, result), name).toEqual([]);
      expect(result.content[0]).toMatchObject({ type: 'text' });
    }
    expect(stock.structuredContent).toMatchObject({ notFound: ['NO-SUCH-SKU'], errors: [] });
    expect(woo!.inventoryLevels[0]).toHaveProperty('available');
    const [, forecast] = results.find(([name]) => name === 'forecast_demand')!;
    expect((forecast.structuredContent as { forecasts: Array<{ points: unknown[] }> }).forecasts[0]?.points[0]).toEqual(
      expect.objectContaining({ date: expect.any(String), mean: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) }),
    );
    const [, audit] = results.at(-1)!;
    expect((audit.structuredContent as { nodes: Array<{ idempotencyKey: string }> }).nodes[0]?.idempotencyKey).toBe('schema-adjust-1');
    expect((results.find(([name]) => name === 'adjust_inventory')![1].structuredContent as { results: unknown[] }).results[0]).toMatchObject({
      status: 'APPLIED',
      before: level.available,
      after: level.available + 2,
      error: null,
    });
  });

  it('refuses schema-invalid arguments before anything runs: no vendor is called', async () => {
    const before = gateway.vendorRequests();
    const tooMany = Array.from({ length: 251 }, (_, n) => `SKU-${n}`);
    const refused: Array<[string, Record<string, unknown>, string]> = [
      ['get_stock', { skus: tooMany }, 'skus'],
      ['get_stock', { skus: [] }, 'skus'],
      ['get_stock', { skus: ['SG-1000'], extra: true }, 'extra'],
      ['forecast_demand', { sku: 'SG-1000', horizonDays: 0 }, 'horizonDays'],
      ['forecast_demand', { sku: 'SG-1000' }, 'horizonDays'],
      ['search_products', { first: 100_000 }, 'first'],
      ['search_products', { vendorId: 'Not A Vendor!' }, 'vendorId'],
      ['set_inventory', { reason: 'count', changes: [{ productId: 'p', locationId: 'l', quantity: 1 }] }, 'idempotencyKey'],
      ['set_inventory', { idempotencyKey: 'k', reason: 'count', changes: [{ productId: 'p', locationId: 'l', quantity: -1 }] }, 'changes.0.quantity'],
      ['adjust_inventory', { idempotencyKey: 'k', reason: 'count', changes: [{ productId: 'p', locationId: 'l', delta: 1.5 }] }, 'changes.0.delta'],
    ];
    for (const [name, args, field] of refused) {
      const result = await callTool(admin, name, args);
      expect(result.isError, name).toBe(true);
      expect(errorCodeOf(result), name).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.content), name).toContain(field);
    }
    expect(gateway.vendorRequests()).toBe(before);
  });

  it('answers an unknown vendor with isError NOT_FOUND, and an unknown product in a write as userErrors with nothing applied', async () => {
    const unknown = await callTool(admin, 'reorder_suggestions', { vendorId: 'no-such-vendor' });
    expect(unknown.isError).toBe(true);
    expect(errorCodeOf(unknown)).toBe('NOT_FOUND');
    const write = await callTool(admin, 'set_inventory', { idempotencyKey: 'bad-product-1', reason: 'count', changes: [{ productId: 'nope', locationId: 'nope', quantity: 1 }] });
    expect(write.isError).toBeFalsy();
    expect(write.structuredContent).toMatchObject({ results: [], userErrors: expect.arrayContaining([expect.objectContaining({ code: 'INVALID_ID' })]) });
  });

  it('serves the schema SDL and the vendor list as resources', async () => {
    const { resources } = await admin.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual(['stockgraph://schema', 'stockgraph://vendors']);
    const schema = await admin.readResource({ uri: 'stockgraph://schema' });
    expect(schema.contents[0]).toMatchObject({ mimeType: 'application/graphql' });
    expect(String((schema.contents[0] as { text: string }).text)).toContain('type StandardizedProduct');
    const vendors = JSON.parse(String(((await admin.readResource({ uri: 'stockgraph://vendors' })).contents[0] as { text: string }).text)) as { vendors: Array<{ id: string }> };
    expect(vendors.vendors.map((vendor) => vendor.id)).toEqual(['demo-shopify', 'demo-woo', 'demo-magento', 'dropship']);
  });

  it('counts calls, errors by code and latency per tool in /metrics, and the operations as GraphQL operations', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { "x-api-key": ROLE_KEYS.admin } })).text();
    expect(metrics).toMatch(/stockgraph_mcp_tool_calls_total\{tool="get_stock",outcome="success"\} [1-9]/);
    expect(metrics).toMatch(/stockgraph_mcp_tool_errors_total\{tool="get_stock",code="BAD_USER_INPUT"\} 3/);
    expect(metrics).toMatch(/stockgraph_mcp_tool_duration_seconds_count\{tool="list_vendors"\} [1-9]/);
    expect(metrics).toMatch(/stockgraph_graphql_operations_total\{operation="query:productsBySku",outcome="success"\} [1-9]/);
  });

  it('answers with partial data and per-vendor errors when a vendor is down, never naming its host', async () => {
    await gateway.gateway.services.cache.deleteByPrefix(''); // earlier tests read these SKUs
    gateway.sandbox.servers['demo-magento']!.setFaults({ errorRate: 1 });
    try {
      const result = await callTool(admin, 'get_stock', { skus: ['SG-1040', 'SG-1041'] });
      expect(result.isError).toBeFalsy();
      expect(outputSchemaErrors(tools.get('get_stock')!, result)).toEqual([]);
      const content = result.structuredContent as { products: StockProduct[]; errors: Array<{ vendorId: string; code: string; retryable: boolean }> };
      expect(content.products.length).toBeGreaterThan(0);
      expect(content.products.every((product) => product.vendorId !== 'demo-magento')).toBe(true);
      expect(content.errors).toEqual([expect.objectContaining({ vendorId: 'demo-magento', code: 'VENDOR_ERROR', retryable: true })]);
      const text = JSON.stringify(result);
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toMatch(/\bat .+\.ts:\d+/);
    } finally {
      gateway.sandbox.servers['demo-magento']!.setFaults({});
    }
  });
});
