import type { ApolloServer } from '@apollo/server';
import type { ReadResourceResult, Resource } from '@modelcontextprotocol/sdk/types.js';
import { McpError, ErrorCode as JsonRpcErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { print } from 'graphql';
import { CallerRole } from '../model/caller.ts';
import type { RequestContext } from '../context/request-context.ts';
import { McpListVendorsDocument } from './generated/mcp-operations.ts';
import { MCP_REFUSED } from './mcp-refusal.ts';
import type { McpSession } from './mcp-session.ts';

export const SCHEMA_URI = 'stockgraph://schema';
export const VENDORS_URI = 'stockgraph://vendors';

export const RESOURCES: Resource[] = [
  { uri: SCHEMA_URI, name: 'schema', title: 'GraphQL schema (SDL)', description: 'The gateway\'s GraphQL schema, whose field names the tools\' structured content keeps.', mimeType: 'application/graphql' },
  { uri: VENDORS_URI, name: 'vendors', title: 'Vendors', description: 'The vendors this caller may see, with platform and live health (what list_vendors answers).', mimeType: 'application/json' },
];

const VENDORS_QUERY = print(McpListVendorsDocument);

/**
 * Reads a resource. The vendor list runs the list_vendors operation through Apollo Server with the
 * caller's context (so scope and flags apply); the SDL is the schema the gateway serves.
 */
export async function readResource<C extends RequestContext>(uri: string, session: McpSession<C>, deps: { apollo: ApolloServer<C>; sdl: string }, signal: AbortSignal): Promise<ReadResourceResult> {
  if (!session.caller.roles.has(CallerRole.VIEWER)) throw new McpError(MCP_REFUSED, `Forbidden: ${uri} needs the "viewer" role`, { code: 'FORBIDDEN' });
  if (uri === SCHEMA_URI) return { contents: [{ uri, mimeType: 'application/graphql', text: deps.sdl }] };
  if (uri === VENDORS_URI) {
    const response = await deps.apollo.executeOperation({ query: VENDORS_QUERY, operationName: 'McpListVendors' }, { contextValue: await session.context(signal) });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!body?.data) throw new McpError(JsonRpcErrorCode.InternalError, 'The vendor list could not be read', { code: body?.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR' });
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(body.data) }] };
  }
  throw new McpError(-32002, `Resource not found: ${uri}`, { uri });
}
