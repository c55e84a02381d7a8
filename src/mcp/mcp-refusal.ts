import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode } from '../errors/error-code.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import type { McpSession } from './mcp-session.ts';

/** JSON-RPC error code of a request the gateway refuses before running it (server-defined range). */
export const MCP_REFUSED = -32003;

/** The JSON-RPC error body sent with HTTP 401/403 on /mcp (id null: nothing was read). */
export function refusalBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { jsonrpc: '2.0' as const, id: null, error: { code: MCP_REFUSED, message, data: { code, ...extra } } };
}

export const FLAG_OFF_MESSAGE = `MCP is disabled for this caller: feature flag "${FeatureFlag.MCP_INTEGRATION}" is off`;

/** True when the caller may use MCP at all now. */
export function mcpEnabled(session: McpSession): boolean {
  return session.flags().isOn(FeatureFlag.MCP_INTEGRATION);
}

/** Inside a session (stdio, whose flag may change while it runs): refuse a message when the flag is off. */
export function assertMcpEnabled(session: McpSession): void {
  if (!mcpEnabled(session)) throw new McpError(MCP_REFUSED, FLAG_OFF_MESSAGE, { code: ErrorCode.FEATURE_DISABLED, flag: FeatureFlag.MCP_INTEGRATION });
}
