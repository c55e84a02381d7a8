import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp, errorCodeOf, outputSchemaErrors } from './mcp-test-kit.ts';

interface Order {
  id: string;
  status: string;
  vendorIds: string[];
  lines: Array<{ sku: string; quantity: number; received: number }>;
}

/** The purchasing loop as an agent runs it: drafts → submit (admin) → receive, exactly once, against the simulators. */
describe('MCP purchasing tools', () => {
  let gateway: McpGateway;
  let writer: Client;
  let admin: Client;
  let tools: Map<string, Tool>;
  const wooWrites = () => gateway.sandbox.servers['demo-woo']!.requestLog.filter((entry) => entry.method !== 'GET').length;

  beforeAll(async () => {
    gateway = await startMcpGateway({ suppliers: [{ id: 'any-supply', name: 'Any Supply', leadTimeDays: 5, leadTimeStdDays: 0, skus: ['*'] }] });
    writer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.writer });
    admin = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.admin });
    tools = new Map((await admin.listTools()).tools.map((tool) => [tool.name, tool]));
  });
  afterAll(async () => {
    await writer.close();
    await admin.close();
    await gateway.close();
  });

  it('drafts, submits and receives an order, each answer matching its output schema, the receipt applied once', async () => {
    const drafted = await callTool(writer, 'create_purchase_order_drafts', { idempotencyKey: 'mcp-po-1', vendorIds: ['demo-woo'] });
    expect(outputSchemaErrors(tools.get('create_purchase_order_drafts')!, drafted)).toEqual([]);
    const order = (drafted.structuredContent as { purchaseOrders: Order[] }).purchaseOrders[0]!;
    expect([order.status, order.vendorIds]).toEqual(['DRAFT', ['demo-woo']]);

    const refused = await callTool(writer, 'submit_purchase_order', { id: order.id });
    expect([refused.isError, errorCodeOf(refused)]).toEqual([true, 'FORBIDDEN']);
    const submitted = await callTool(admin, 'submit_purchase_order', { id: order.id });
    expect(outputSchemaErrors(tools.get('submit_purchase_order')!, submitted)).toEqual([]);
    expect((submitted.structuredContent as unknown as Order).status).toBe('SUBMITTED');

    const stock = await callTool(writer, 'get_stock', { skus: [order.lines[0]!.sku] });
    const woo = (stock.structuredContent as { products: Array<{ vendorId: string; inventoryLevels: Array<{ locationId: string }> }> }).products.find((p) => p.vendorId === 'demo-woo')!;
    const args = { idempotencyKey: 'mcp-receipt-1', purchaseOrderId: order.id, locationId: woo.inventoryLevels[0]!.locationId, lines: [{ sku: order.lines[0]!.sku, quantity: 1 }] };
    const writesBefore = wooWrites();
    const received = await callTool(writer, 'receive_purchase_order', args);
    expect(outputSchemaErrors(tools.get('receive_purchase_order')!, received)).toEqual([]);
    const writesOnce = wooWrites() - writesBefore;
    const again = await callTool(writer, 'receive_purchase_order', args);
    expect(again.structuredContent).toEqual(received.structuredContent);
    expect(wooWrites() - writesBefore).toBe(writesOnce);
    const payload = received.structuredContent as { purchaseOrder: Order; results: Array<{ status: string }> };
    expect([payload.results.map((r) => r.status), payload.purchaseOrder.lines[0]!.received]).toEqual([['APPLIED'], 1]);

    const badArgs = await callTool(writer, 'receive_purchase_order', { ...args, lines: [] });
    expect(badArgs.isError).toBe(true);
  });
});
