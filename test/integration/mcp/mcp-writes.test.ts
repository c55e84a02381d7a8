import { request as httpRequest } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp } from './mcp-test-kit.ts';

interface ChangeResult {
  status: string;
  before: number | null;
  after: number | null;
}

/**
 * Stock writes through MCP keep the mutation's exactly-once guarantee: the idempotency key, not
 * the connection, decides. Vendor writes are counted in the WooCommerce simulator's request log.
 */
describe('MCP stock writes: exactly once per idempotency key', () => {
  let gateway: McpGateway;
  let writer: Client;
  let target: { productId: string; locationId: string };
  const wooWrites = () => gateway.sandbox.servers['demo-woo']!.requestLog.filter((entry) => entry.method !== 'GET').length;

  beforeAll(async () => {
    gateway = await startMcpGateway();
    writer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.writer });
    const stock = await callTool(writer, 'get_stock', { skus: ['SG-1002', 'SG-1003', 'SG-1004'] });
    const products = (stock.structuredContent as { products: Array<{ id: string; vendorId: string; inventoryLevels: Array<{ locationId: string }> }> }).products;
    const woo = products.find((product) => product.vendorId === 'demo-woo' && product.inventoryLevels.length > 0)!;
    target = { productId: woo.id, locationId: woo.inventoryLevels[0]!.locationId };
  });
  afterAll(async () => {
    await writer.close();
    await gateway.close();
  });

  it('applies a write once when it is called again with the same key, even from another connection', async () => {
    const args = { idempotencyKey: 'mcp-once-1', reason: 'received PO 4711', changes: [{ ...target, delta: 5 }] };
    const writesBefore = wooWrites();
    const first = await callTool(writer, 'adjust_inventory', args);
    const again = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.writer });
    const second = await callTool(again, 'adjust_inventory', args);
    await again.close();
    const [firstResult] = (first.structuredContent as { results: ChangeResult[] }).results;
    expect(firstResult).toMatchObject({ status: 'APPLIED' });
    expect(firstResult!.after! - firstResult!.before!).toBe(5);
    expect(second.structuredContent).toEqual(first.structuredContent);
    expect(wooWrites() - writesBefore).toBe(1);
  });

  it('takes a product by vendorId and sku and a location by nativeLocationId, answering the global IDs', async () => {
    const args = { idempotencyKey: 'mcp-native-1', reason: 'received PO 4712', changes: [{ vendorId: 'demo-woo', sku: 'SG-1002', nativeLocationId: 'default', delta: 1 }] };
    const result = await callTool(writer, 'adjust_inventory', args);
    expect(result.isError).toBeFalsy();
    const [change] = (result.structuredContent as { results: Array<ChangeResult & { productId: string; locationId: string }> }).results;
    const stock = await callTool(writer, 'get_stock', { skus: ['SG-1002'] });
    const woo = (stock.structuredContent as { products: Array<{ id: string; vendorId: string; inventoryLevels: Array<{ locationId: string }> }> }).products.find((product) => product.vendorId === 'demo-woo')!;
    expect(change).toMatchObject({ status: 'APPLIED', productId: woo.id, locationId: woo.inventoryLevels[0]!.locationId });
    expect(change!.after! - change!.before!).toBe(1);
  });

  it('refuses the same key with different arguments (IDEMPOTENCY_CONFLICT), writing nothing', async () => {
    const writesBefore = wooWrites();
    const result = await callTool(writer, 'adjust_inventory', { idempotencyKey: 'mcp-once-1', reason: 'received PO 4711', changes: [{ ...target, delta: 6 }] });
    expect(result.isError).toBe(true);
    expect(result._meta?.['io.stockgraph/error']).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(wooWrites()).toBe(writesBefore);
  });

  it('a client that hangs up mid-write loses nothing: the same key then answers one applied change, written once', async () => {
    const woo = gateway.sandbox.servers['demo-woo']!;
    woo.setFaults({ latencyMs: 400 });
    const args = { idempotencyKey: 'mcp-disconnect-1', reason: 'cycle count', changes: [{ ...target, delta: -2 }] };
    const writesBefore = wooWrites();
    const answered = await postThenHangUp(`${gateway.url}/mcp`, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'adjust_inventory', arguments: args } }, 150);
    expect(answered).toBe(false);
    woo.setFaults({});

    const retried = await callTool(writer, 'adjust_inventory', args);
    const [result] = (retried.structuredContent as { results: ChangeResult[] }).results;
    expect(result).toMatchObject({ status: 'APPLIED' });
    expect(result!.after! - result!.before!).toBe(-2);
    expect(wooWrites() - writesBefore).toBe(1);
  });
});

/** POSTs a JSON-RPC message and destroys the socket after `hangUpMs` (a client that went away); true if it was answered first. */
function postThenHangUp(url: string, message: unknown, hangUpMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const body = JSON.stringify(message);
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': ROLE_KEYS.writer, 'content-length': Buffer.byteLength(body) },
    });
    request.on('response', () => resolve(true));
    request.on('error', () => resolve(false));
    request.end(body);
    setTimeout(() => request.destroy(), hangUpMs);
  });
}
