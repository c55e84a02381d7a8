import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { PROJECT_ROOT } from '../../support/run-cli.ts';
import { ROLE_KEYS, callTool, outputSchemaErrors, roleApiKeys } from './mcp-test-kit.ts';

/** `npm run mcp`'s entry point as an MCP client launches it: a child process speaking JSON-RPC on stdio. */
async function connectStdio(env: Record<string, string>, args: string[] = []): Promise<{ client: Client; stderr: () => string; protocolErrors: Error[] }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/mcp-main.ts', ...args],
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STOCKGRAPH_DEMO_DB: ':memory:', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const protocolErrors: Error[] = [];
  const client = new Client({ name: 'stockgraph-stdio-tests', version: '1.0.0' });
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  return { client, stderr: () => stderr, protocolErrors };
}

describe('MCP over stdio (npm run mcp)', () => {
  it('serves demo mode with the embedded simulators to the development caller; stdout carries JSON-RPC only', async () => {
    const { client, stderr, protocolErrors } = await connectStdio({});
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toHaveLength(13);
      const stock = await callTool(client, 'get_stock', { skus: ['SG-1000'] });
      expect(stock.isError).toBeFalsy();
      expect(outputSchemaErrors(tools.find((tool) => tool.name === 'get_stock')!, stock)).toEqual([]);
      expect((stock.structuredContent as { totals: Array<{ sku: string; vendorIds: string[] }> }).totals[0]).toMatchObject({ sku: 'SG-1000' });
      expect(protocolErrors).toEqual([]);
      expect(stderr()).toContain('stockgraph MCP server on stdio');
    } finally {
      await client.close();
    }
  }, 60_000);

  describe('with a configuration file and STOCKGRAPH_API_KEY', () => {
    let sandbox: DemoSandbox;
    let dir: string;
    let configPath: string;
    beforeAll(async () => {
      sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
      dir = await mkdtemp(join(tmpdir(), 'stockgraph-mcp-'));
      configPath = join(dir, 'stockgraph.config.yaml');
      // JSON is YAML; development allows the simulators' credentials inline.
      const document = { environment: 'development', vendors: sandbox.config.vendors, auth: { apiKeys: roleApiKeys() }, store: { sqlitePath: ':memory:' } };
      await writeFile(configPath, JSON.stringify(document, null, 2));
    });
    afterAll(async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('acts as the key\'s caller: a viewer key lists the read tools only and is refused a write', async () => {
      const { client } = await connectStdio({ STOCKGRAPH_CONFIG: configPath, STOCKGRAPH_API_KEY: ROLE_KEYS.viewer });
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(['list_vendors', 'search_products', 'get_stock', 'forecast_demand', 'reorder_suggestions', 'sync_status']);
        const write = await callTool(client, 'adjust_inventory', { idempotencyKey: 'k', reason: 'r', changes: [{ productId: 'p', locationId: 'l', delta: 1 }] });
        expect(write.isError).toBe(true);
        expect(write._meta?.['io.stockgraph/error']).toMatchObject({ code: 'FORBIDDEN' });
      } finally {
        await client.close();
      }
    }, 60_000);

    it('exits 1 naming STOCKGRAPH_API_KEY when the key is unknown', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/mcp-main.ts', '--config', configPath], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, STOCKGRAPH_API_KEY: 'not-a-key' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('unknown API key');
      expect(stderr).toContain('STOCKGRAPH_API_KEY');
      expect(stdout).toBe('');
    }, 60_000);
  });
});
