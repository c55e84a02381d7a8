import { print } from 'graphql';
import { McpGetStockDocument } from '../src/mcp/generated/mcp-operations.ts';

/** Its name for --scenarios. */
export const MCP_SCENARIO = 'mcpGetStock';

/** The target of issue #14: get_stock through MCP costs at most this much more (p50) than the same GraphQL operation. */
export const MCP_OVERHEAD_TARGET_MS = 2;

export interface McpOverheadResult {
  readonly skus: number;
  /** Request pairs sent, one at a time (GraphQL then MCP, alternating so drift hits both alike). */
  readonly pairs: number;
  readonly graphqlP50Ms: number;
  readonly mcpP50Ms: number;
  /** p50(MCP) − p50(GraphQL). */
  readonly differenceP50Ms: number;
  /** Median of the per-pair differences (robust to a slow moment hitting one side). */
  readonly pairedDifferenceP50Ms: number;
  readonly targetMs: number;
  readonly errors: number;
}

/**
 * get_stock for `skus` through MCP (a `tools/call` POST to /mcp, stateless Streamable HTTP, JSON
 * answer) against the very operation it runs, posted to /graphql. Both reach the same executor and
 * the same read cache, so after the warm-up both are served from the cache and the difference is
 * the MCP layer: JSON-RPC, argument validation, the per-request server and transport, shaping.
 */
export async function measureMcpOverhead(gatewayUrl: string, skus: readonly string[], pairs: number): Promise<McpOverheadResult> {
  const graphqlBody = JSON.stringify({ query: print(McpGetStockDocument), operationName: 'McpGetStock', variables: { skus } });
  let id = 0;
  const mcpBody = () => JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name: 'get_stock', arguments: { skus } } });
  const graphql = () => timed(`${gatewayUrl}/graphql`, { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, graphqlBody, isGraphQLSuccess);
  const mcp = () =>
    timed(`${gatewayUrl}/mcp`, { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' }, mcpBody(), isToolSuccess);

  for (let warm = 0; warm < Math.max(20, pairs / 5); warm++) {
    await graphql();
    await mcp();
  }
  const graphqlMs: number[] = [];
  const mcpMs: number[] = [];
  const differences: number[] = [];
  let errors = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const first = await graphql();
    const second = await mcp();
    if (!first.ok || !second.ok) errors++;
    graphqlMs.push(first.ms);
    mcpMs.push(second.ms);
    differences.push(second.ms - first.ms);
  }
  const graphqlP50Ms = median(graphqlMs);
  const mcpP50Ms = median(mcpMs);
  return {
    skus: skus.length,
    pairs,
    graphqlP50Ms,
    mcpP50Ms,
    differenceP50Ms: mcpP50Ms - graphqlP50Ms,
    pairedDifferenceP50Ms: median(differences),
    targetMs: MCP_OVERHEAD_TARGET_MS,
    errors,
  };
}

async function timed(url: string, headers: Record<string, string>, body: string, check: (answer: unknown) => boolean): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = (await response.json()) as unknown;
  const ms = performance.now() - started;
  return { ms, ok: response.ok && check(answer) };
}

function isGraphQLSuccess(answer: unknown): boolean {
  const body = answer as { data?: { productsBySku?: unknown[] }; errors?: unknown[] };
  return (body.data?.productsBySku?.length ?? 0) > 0 && !body.errors;
}

function isToolSuccess(answer: unknown): boolean {
  const body = answer as { result?: { isError?: boolean; structuredContent?: { products?: unknown[] } } };
  return body.result?.isError !== true && (body.result?.structuredContent?.products?.length ?? 0) > 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
