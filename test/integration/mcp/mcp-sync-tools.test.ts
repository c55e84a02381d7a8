import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startMcpGateway, type McpGateway } from './mcp-gateway-harness.ts';
import { ROLE_KEYS, callTool, connectHttp, errorCodeOf, outputSchemaErrors } from './mcp-test-kit.ts';

interface SyncJobContent {
  id: string;
  vendorId: string;
  mode: string;
  status: string;
  processed: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string; retryable: boolean } | null;
}

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/**
 * Background sync through MCP: start_inventory_sync runs `startInventorySync`, sync_status runs
 * `syncJob(id)`, both through the gateway's executor against the demo simulators. The tests run in
 * order: nothing starts a job before the one that does.
 */
describe('MCP sync tools: start a background sync and follow it', () => {
  let gateway: McpGateway;
  let viewer: Client;
  let writer: Client;
  let tools: Map<string, Tool>;
  const dropshipRequests = () => gateway.sandbox.servers.dropship!.requestLog.length;
  /** Sync jobs of the dropship vendor (the demo's smallest catalog) as GraphQL lists them (proves that a refused call started none). */
  const dropshipJobs = async () => {
    const response = await postGraphQL<{ syncJobs: { nodes: Array<{ id: string }> } }>(gateway.url, '{ syncJobs(vendorId: "dropship") { nodes { id } } }', {}, { 'x-api-key': ROLE_KEYS.writer });
    expect(response.errors).toBeUndefined();
    return response.data!.syncJobs.nodes;
  };

  beforeAll(async () => {
    gateway = await startMcpGateway();
    viewer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.viewer });
    writer = await connectHttp(gateway.url, { 'x-api-key': ROLE_KEYS.writer });
    tools = new Map((await writer.listTools()).tools.map((tool) => [tool.name, tool]));
  });
  afterAll(async () => {
    await viewer.close();
    await writer.close();
    await gateway.close();
  });

  it('lists start_inventory_sync to inventory:write callers only, and sync_status to every role', async () => {
    const viewerTools = (await viewer.listTools()).tools.map((tool) => tool.name);
    expect(viewerTools).toContain('sync_status');
    expect(viewerTools).not.toContain('start_inventory_sync');
    expect([...tools.keys()]).toEqual(expect.arrayContaining(['sync_status', 'start_inventory_sync']));
  });

  it('describes start_inventory_sync as a write that destroys nothing and may be repeated, and sync_status as read-only', () => {
    const start = tools.get('start_inventory_sync')!;
    expect(start.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(start.inputSchema).toMatchObject({ required: ['vendorId'], additionalProperties: false, properties: { mode: { enum: ['FULL', 'INCREMENTAL'] } } });
    expect(start.description).toMatch(/background/);
    expect(start.description).toMatch(/sync_status/);
    expect(start.description).toMatch(/resumes/);
    expect(tools.get('sync_status')!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(tools.get('sync_status')!.inputSchema).toMatchObject({ required: ['jobId'], additionalProperties: false });
  });

  it('answers a viewer calling start_inventory_sync with isError FORBIDDEN, and starts nothing', async () => {
    const before = gateway.vendorRequests();
    const result = await callTool(viewer, 'start_inventory_sync', { vendorId: 'dropship', mode: 'FULL' });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('FORBIDDEN');
    expect(JSON.stringify(result.content)).toContain('inventory:write');
    expect(await dropshipJobs()).toEqual([]);
    expect(gateway.vendorRequests()).toBe(before);
  });

  it('refuses bad arguments by their schema before anything runs', async () => {
    const before = gateway.vendorRequests();
    const refused: Array<[string, Record<string, unknown>, string]> = [
      ['start_inventory_sync', {}, 'vendorId'],
      ['start_inventory_sync', { vendorId: 'Not A Vendor!' }, 'vendorId'],
      ['start_inventory_sync', { vendorId: 'dropship', mode: 'PARTIAL' }, 'mode'],
      ['start_inventory_sync', { vendorId: 'dropship', force: true }, 'force'],
      ['sync_status', {}, 'jobId'],
      ['sync_status', { jobId: '' }, 'jobId'],
      ['sync_status', { jobId: 'j'.repeat(129) }, 'jobId'],
    ];
    for (const [name, args, field] of refused) {
      const result = await callTool(writer, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(errorCodeOf(result), name).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.content), name).toContain(field);
    }
    expect(await dropshipJobs()).toEqual([]);
    expect(gateway.vendorRequests()).toBe(before);
  });

  it('answers sync_status for an unknown job with isError NOT_FOUND', async () => {
    const result = await callTool(viewer, 'sync_status', { jobId: 'no-such-job' });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('NOT_FOUND');
  });

  it('starts a job for an inventory:write caller, which sync_status follows in the background to SUCCEEDED', async () => {
    const before = dropshipRequests();
    const started = await callTool(writer, 'start_inventory_sync', { vendorId: 'dropship', mode: 'FULL' });
    expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
    expect(outputSchemaErrors(tools.get('start_inventory_sync')!, started)).toEqual([]);
    const job = started.structuredContent as unknown as SyncJobContent;
    expect(job).toMatchObject({ id: expect.any(String), vendorId: 'dropship', mode: 'FULL', error: null });
    expect(job.status).toBe('QUEUED');
    expect(started.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining(`sync_status { jobId: "${job.id}" }`) });

    // Poll as a model would (here as a viewer, who may follow any job of a vendor it may use): bounded, never timed.
    let status: CallToolResult | undefined;
    let current: SyncJobContent | undefined;
    for (let poll = 0; poll < 500 && !FINAL.includes(current?.status ?? ''); poll += 1) {
      if (poll > 0) await sleep(20);
      status = await callTool(viewer, 'sync_status', { jobId: job.id });
      expect(status.isError, JSON.stringify(status.content)).toBeFalsy();
      expect(outputSchemaErrors(tools.get('sync_status')!, status)).toEqual([]);
      current = status.structuredContent as unknown as SyncJobContent;
    }
    expect(current).toMatchObject({ id: job.id, vendorId: 'dropship', mode: 'FULL', status: 'SUCCEEDED', error: null });
    expect(current!.processed).toBeGreaterThan(0);
    if (current!.total !== null) expect(current!.processed).toBe(current!.total);
    expect(current!.startedAt).not.toBeNull();
    expect(current!.finishedAt).not.toBeNull();
    expect(JSON.stringify(status!.content)).toContain('SUCCEEDED');
    expect(dropshipRequests()).toBeGreaterThan(before); // the job really read the vendor
    expect(await dropshipJobs()).toEqual([{ id: job.id }]);
  });
});
