import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp, errorCodeOf, outputSchemaErrors } from './mcp-test-kit.ts';

interface ForecastOutput {
  total: { sku: string | null; totalAvailable: number | null; last30Days: number | null; forecast: { method: string; points: Array<{ date: string; mean: number }> } | null; reorder: { reorderPoint: number } | null } | null;
  forecasts: Array<{ vendorId: string; points: unknown[] }>;
  errors: unknown[];
}

const days = (n: number): string[] => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

describe('MCP forecast_demand: a SKU across channels, or the caller\'s own history', () => {
  let gateway: McpGateway;
  let viewer: Client;
  let tool: Tool;
  beforeAll(async () => {
    gateway = await startMcpGateway();
    viewer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.viewer });
    tool = (await viewer.listTools()).tools.find((t) => t.name === 'forecast_demand')!;
  });
  afterAll(async () => {
    await viewer.close();
    await gateway.close();
  });

  it('by sku: one summed forecast and reorder suggestion plus each vendor\'s own forecast', async () => {
    const result = await callTool(viewer, 'forecast_demand', { sku: 'SG-1003', horizonDays: 14 });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(outputSchemaErrors(tool, result)).toEqual([]);
    const out = result.structuredContent as unknown as ForecastOutput;
    expect(out.total).toMatchObject({ sku: 'SG-1003' });
    expect(out.total!.forecast!.points).toHaveLength(14);
    expect(out.total!.reorder).not.toBeNull();
    expect(out.forecasts.length).toBeGreaterThan(1);
    expect(result.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('SG-1003, all channels') });
  });

  it('from history: forecasts the given series (with a known-future regressor), no vendor called', async () => {
    const before = gateway.vendorRequests();
    const n = 84;
    const history = days(n).map((date, i) => ({ date, value: i % 7 === 5 ? 12 : 4 }));
    const regressors = [{ name: 'promo', values: Array.from({ length: n + 7 }, (_, i) => (i % 30 === 0 ? 1 : 0)) }];
    const result = await callTool(viewer, 'forecast_demand', { history, horizonDays: 7, regressors });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(outputSchemaErrors(tool, result)).toEqual([]);
    const out = result.structuredContent as unknown as ForecastOutput;
    expect(out.forecasts).toEqual([]);
    expect(out.total!.forecast!.points.map((p) => p.date)[0]).toBe('2025-03-26');
    expect(gateway.vendorRequests()).toBe(before);
  });

  it.each([
    ['neither sku nor history', { horizonDays: 7 }, 'sku'],
    ['both sku and history', { sku: 'SG-1000', history: [{ date: '2025-01-01', value: 1 }], horizonDays: 7 }, 'sku'],
    ['vendorId without sku', { history: [{ date: '2025-01-01', value: 1 }], vendorId: 'demo-woo', horizonDays: 7 }, 'vendorId'],
    ['unsorted history dates (refused by GraphQL)', { history: [{ date: '2025-01-02', value: 1 }, { date: '2025-01-01', value: 1 }], horizonDays: 7 }, 'history[1].date'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, args, field) => {
    const result = await callTool(viewer, 'forecast_demand', args);
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.content)).toContain(field);
  });
});
