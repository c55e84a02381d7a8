import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_KEYS, startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp, errorCodeOf } from './mcp-test-kit.ts';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-http', version: '1' } },
};

async function postMcp(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { code: number; message: string; data?: Record<string, unknown> } } };
}

const READ_TOOLS = ['list_vendors', 'search_products', 'get_stock', 'forecast_demand', 'reorder_suggestions', 'sync_status'];
const WRITE_TOOLS = ['set_inventory', 'adjust_inventory', 'start_inventory_sync'];
/** The purchasing loop (auto_reorder_enabled): drafts and receipts need inventory:write, submitting admin. */
const PURCHASE_TOOLS = ['create_purchase_order_drafts', 'receive_purchase_order'];

describe('MCP authority: the same credentials, roles and flags as GraphQL', () => {
  let gateway: McpGateway;
  beforeAll(async () => {
    gateway = await startMcpGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('answers HTTP 401 with a JSON-RPC error to a request without credentials (production)', async () => {
    const answer = await postMcp(gateway.url, INITIALIZE);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
    expect(answer.body.error?.data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers HTTP 401 to an unknown API key, and the SDK client fails to connect', async () => {
    expect((await postMcp(gateway.url, INITIALIZE, { 'x-api-key': 'not-a-key' })).status).toBe(401);
    await expect(connectHttp(gateway.url, { authorization: 'Bearer not-a-key' })).rejects.toThrow();
  });

  it('answers HTTP 403 naming the flag when mcp_integration_enabled is off for the caller, and runs nothing', async () => {
    const before = gateway.vendorRequests();
    const toolCall = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_stock', arguments: { skus: ['SG-1000'] } } };
    for (const message of [INITIALIZE, toolCall]) {
      const answer = await postMcp(gateway.url, message, { 'x-api-key': FLAG_KEYS.mcpOff });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toContain('mcp_integration_enabled');
      expect(answer.body.error?.data).toMatchObject({ code: 'FEATURE_DISABLED', flag: 'mcp_integration_enabled' });
    }
    expect(gateway.vendorRequests()).toBe(before);
  });

  it('lists only the tools each role may call', async () => {
    const listed = async (key: string) => {
      const client = await connectHttp(gateway.url, { 'x-api-key': key });
      const { tools } = await client.listTools();
      await client.close();
      return tools.map((tool) => tool.name);
    };
    expect(await listed(ROLE_KEYS.viewer)).toEqual(READ_TOOLS);
    expect(await listed(ROLE_KEYS.writer)).toEqual([...READ_TOOLS, ...WRITE_TOOLS, ...PURCHASE_TOOLS]);
    expect(await listed(ROLE_KEYS.admin)).toEqual([...READ_TOOLS, ...WRITE_TOOLS, 'inventory_changes', ...PURCHASE_TOOLS, 'submit_purchase_order']);
    expect(await listed(FLAG_KEYS.forecastOff)).toEqual(READ_TOOLS.filter((name) => name !== 'forecast_demand'));
  });

  it('answers a hidden tool with isError and the gateway code (not "unknown tool"), before any vendor call', async () => {
    const viewer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.viewer });
    const forecastOff = await connectHttp(gateway.url, { 'x-api-key': FLAG_KEYS.forecastOff });
    const before = gateway.vendorRequests();
    const write = await callTool(viewer, 'set_inventory', { idempotencyKey: 'k1', reason: 'count', changes: [{ productId: 'x', locationId: 'y', quantity: 1 }] });
    expect(write.isError).toBe(true);
    expect(errorCodeOf(write)).toBe('FORBIDDEN');
    expect(JSON.stringify(write.content)).toContain('inventory:write');
    const audit = await callTool(viewer, 'inventory_changes');
    expect(errorCodeOf(audit)).toBe('FORBIDDEN');
    const forecast = await callTool(forecastOff, 'forecast_demand', { sku: 'SG-1000', horizonDays: 14 });
    expect(forecast.isError).toBe(true);
    expect(errorCodeOf(forecast)).toBe('FEATURE_DISABLED');
    expect(JSON.stringify(forecast.content)).toContain('demand_forecasting_enabled');
    expect(gateway.vendorRequests()).toBe(before);
    await viewer.close();
    await forecastOff.close();
  });

  it('is stateless: GET and DELETE answer 405 with Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${gateway.url}/mcp`, { method, headers: { 'x-api-key': ROLE_KEYS.viewer, accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('counts refused requests in /metrics', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { "x-api-key": ROLE_KEYS.admin } })).text();
    expect(metrics).toMatch(/stockgraph_mcp_refused_requests_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(metrics).toMatch(/stockgraph_mcp_refused_requests_total\{code="FEATURE_DISABLED"\} [1-9]/);
    expect(metrics).toMatch(/stockgraph_mcp_tool_errors_total\{tool="set_inventory",code="FORBIDDEN"\} 1/);
  });
});
