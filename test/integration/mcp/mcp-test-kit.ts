import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { Ajv } from 'ajv';
import { createHash } from 'node:crypto';

/** The SDK's own client over Streamable HTTP at <url>/mcp, with the given credentials. */
export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'stockgraph-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }));
  return client;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The gateway error code of an `isError` result. */
export function errorCodeOf(result: CallToolResult): string | undefined {
  const meta = result._meta?.['io.stockgraph/error'] as { code?: string } | undefined;
  return meta?.code;
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** Validates structured content against the tool's listed outputSchema; returns Ajv's errors (none: []). */
export function outputSchemaErrors(tool: Tool, result: CallToolResult): unknown[] {
  const validate = ajv.compile(tool.outputSchema ?? {});
  return validate(result.structuredContent) ? [] : (validate.errors ?? []);
}

export function keyHash(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** API keys for each role, as auth.apiKeys entries and the raw keys to send. */
export const ROLE_KEYS = {
  viewer: 'viewer-key-0123456789',
  writer: 'writer-key-0123456789',
  admin: 'admin-key-0123456789',
} as const;

export function roleApiKeys(): Array<{ id: string; keyHash: string; roles: string[] }> {
  return [
    { id: 'mcp-viewer', keyHash: keyHash(ROLE_KEYS.viewer), roles: ['viewer'] },
    { id: 'mcp-writer', keyHash: keyHash(ROLE_KEYS.writer), roles: ['inventory:write'] },
    { id: 'mcp-admin', keyHash: keyHash(ROLE_KEYS.admin), roles: ['admin'] },
  ];
}
