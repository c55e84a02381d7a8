import type { ServerResponse } from 'node:http';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import type { RequestContext } from '../context/request-context.ts';

/** The gateway's long-lived parts, as every request context carries them (no import of src/server). */
type GatewayServices = RequestContext['services'];
import { FLAG_OFF_MESSAGE, MCP_REFUSED, mcpEnabled, refusalBody } from './mcp-refusal.ts';
import type { McpServerFactory } from './mcp-server-factory.ts';
import { openSession, type McpSession } from './mcp-session.ts';

export const MCP_PATH = '/mcp';

/**
 * Streamable HTTP at /mcp, stateless: every POST carries its credentials and is one JSON-RPC
 * message, answered as JSON by a server and transport made for that request (see README, "MCP",
 * for why not sessions). Before the transport sees anything: no or bad credentials answer 401,
 * `mcp_integration_enabled` off for the caller answers 403 naming the flag, and an anonymous
 * (development) caller from a foreign browser origin answers 403 (DNS rebinding). GET (a
 * standalone SSE stream) and DELETE (ending a session) answer 405: there are no sessions.
 */
export function registerMcpRoute<S extends GatewayServices>(app: FastifyInstance, services: S, factory: McpServerFactory<RequestContext & { readonly services: S }>): void {
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: MCP_PATH,
    handler: async (request, reply) => {
      const session = await openSession(services, request.headers).catch((error: unknown) => error);
      if (!isSession<RequestContext & { readonly services: S }>(session)) return refuseUnauthenticated(reply, session, factory);
      if (!mcpEnabled(session)) {
        factory.metrics.refusedRequests.inc({ code: ErrorCode.FEATURE_DISABLED });
        return reply.code(403).send(refusalBody(ErrorCode.FEATURE_DISABLED, FLAG_OFF_MESSAGE, { flag: FeatureFlag.MCP_INTEGRATION }));
      }
      if (session.caller.kind === 'anonymous' && isForeignOrigin(request)) {
        factory.metrics.refusedRequests.inc({ code: ErrorCode.FORBIDDEN });
        return reply.code(403).send(refusalBody(ErrorCode.FORBIDDEN, 'Cross-origin requests need credentials (x-api-key or Authorization)'));
      }
      if (request.method !== 'POST') {
        return reply.code(405).header('allow', 'POST').send({ jsonrpc: '2.0', id: null, error: { code: MCP_REFUSED, message: 'This MCP server is stateless: send JSON-RPC messages with POST' } });
      }
      return serve(request, reply, factory, session);
    },
  });
}

async function serve<C extends RequestContext>(request: FastifyRequest, reply: FastifyReply, factory: McpServerFactory<C>, session: McpSession<C>): Promise<FastifyReply> {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  const server = factory.create(withClientSignal(session, reply.raw));
  try {
    await server.connect(transport);
    const response = await transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
    reply.code(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    return await reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
  } finally {
    await server.close();
  }
}

function refuseUnauthenticated(reply: FastifyReply, error: unknown, factory: Pick<McpServerFactory, 'metrics'>): FastifyReply {
  if (!(error instanceof GatewayError) || error.code !== ErrorCode.UNAUTHENTICATED) throw error;
  factory.metrics.refusedRequests.inc({ code: ErrorCode.UNAUTHENTICATED });
  return reply.code(401).header('www-authenticate', 'Bearer realm="stockgraph"').send(refusalBody(ErrorCode.UNAUTHENTICATED, error.message));
}

function isSession<C extends RequestContext>(value: McpSession<C> | unknown): value is McpSession<C> {
  return typeof value === 'object' && value !== null && 'caller' in value;
}

/** Tool calls of this request also abort when the client goes away before its answer is written. */
function withClientSignal<C extends RequestContext>(session: McpSession<C>, response: ServerResponse): McpSession<C> {
  const gone = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  return { ...session, context: (signal) => session.context(AbortSignal.any([signal, gone.signal])) };
}

function isForeignOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

function webRequestOf(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, { method: request.method, headers });
}
