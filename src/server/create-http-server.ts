import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildRequestContext } from '../context/build-request-context.ts';
import { Environment } from '../config/config-schema.ts';
import { debugModePlugin } from './debug-mode-plugin.ts';
import { registerMcpRoute } from '../mcp/mcp-http-route.ts';
import { McpServerFactory } from '../mcp/mcp-server-factory.ts';
import { buildExecutableSchema, type SchemaExtension } from './executable-schema.ts';
import { createFormatError } from './format-error.ts';
import type { GraphContext, GraphServices } from './graph-context.ts';
import { graphiqlHtml, registerGraphiQLAssets, wantsGraphiQL } from './graphiql-route.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { partialErrorsPlugin } from './partial-errors-plugin.ts';
import { operationMetricsPlugin } from './operation-metrics-plugin.ts';
import { registerStatusPage } from './status-page.ts';
import { requestLogPlugin } from './request-log-plugin.ts';
import { registerWebhookRoute } from '../realtime/webhooks/webhook-route.ts';
import { registerSseTransport } from '../realtime/subscriptions/sse-transport.ts';
import { registerWebSocketTransport } from '../realtime/subscriptions/websocket-transport.ts';

export interface HttpServer {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<GraphContext>;
  /** The MCP server's parts (served at /mcp, and over stdio by `npm run mcp`). */
  readonly mcp: McpServerFactory<GraphContext>;
  /** Stops taking requests, drains in-flight ones, then closes. */
  close(): Promise<void>;
}

/** Fastify + Apollo Server: /graphql (POST, GET, GraphiQL for browsers), /mcp, /health, /ready. */
export async function createHttpServer(services: GraphServices, options: { schemaExtension?: SchemaExtension } = {}): Promise<HttpServer> {
  const app = Fastify({ logger: false, forceCloseConnections: 'idle', bodyLimit: 2 * 1024 * 1024 });
  const state = { draining: false };
  const schema = buildExecutableSchema(options.schemaExtension);
  const formatError = createFormatError({ exposeInternalMessages: services.config.environment === Environment.DEVELOPMENT });
  const apollo = new ApolloServer<GraphContext>({
    schema,
    introspection: true,
    // Callers authenticate with headers (API keys, bearer tokens), never cookies, so there is no
    // ambient credential for a cross-site request to ride on; GET queries from plain
    // GraphQL-over-HTTP clients must work without Apollo's preflight header.
    csrfPrevention: false,
    formatError,
    // Every entry point (npm start, mcp, the stockgraph command) handles SIGINT/SIGTERM itself and
    // decides its exit code; Apollo's own handler would stop the server and re-raise the signal.
    stopOnTerminationSignals: false,
    // Order matters: partial errors are added before the metrics plugin counts the response.
    // Apollo's cache-control plugin would wrap every field resolver to read @cacheControl hints;
    // the gateway sets no HTTP cache hints (its reads are cached upstream-side, per vendor), so it is off.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // The schema is a federation subgraph; Apollo would add federated (ftv1) tracing for Apollo
      // Studio. Traces go to OpenTelemetry instead (src/observability).
      ApolloServerPluginInlineTraceDisabled(),
      fastifyApolloDrainPlugin(app),
      partialErrorsPlugin,
      debugModePlugin,
      operationMetricsPlugin(services.metrics),
      requestLogPlugin,
    ],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const graphql = fastifyApolloHandler(apollo, {
    context: async (request, reply) => buildRequestContext(services, { headers: request.headers, signal: abortSignalOf(reply.raw) }),
  });
  app.route({
    method: ['GET', 'POST', 'OPTIONS'],
    url: '/graphql',
    handler: async function (request, reply) {
      if (wantsGraphiQL(request.method, request.headers.accept, request.query)) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml());
      }
      return graphql.call(this, request as never, reply as never);
    },
  });
  const mcp = new McpServerFactory(apollo, services, schema);
  registerMcpRoute(app, services, mcp);
  app.get('/', async (_request, reply) => reply.redirect('/graphql'));
  registerGraphiQLAssets(app);
  registerHealthRoutes(app, services, state);
  registerStatusPage(app, services);
  await registerWebhookRoute(app, services.realtime.webhooks, services.config.realtime.webhookMaxBodyBytes);
  // Subscriptions: graphql-transport-ws on /graphql and GraphQL over SSE on /graphql/stream, same schema and context.
  const subscriptions = {
    schema,
    authenticator: services.authenticator,
    buildContext: (headers: IncomingHttpHeaders, signal: AbortSignal) => buildRequestContext(services, { headers, signal }),
    formatError,
    maxMessageBytes: 1024 * 1024,
  };
  registerWebSocketTransport(app, subscriptions);
  registerSseTransport(app, subscriptions);
  app.get('/metrics', async (_request, reply) =>
    reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics()),
  );

  return {
    app,
    apollo,
    mcp,
    async close() {
      state.draining = true;
      await app.close(); // the drain plugin waits for in-flight operations
    },
  };
}

/** Aborted when the client goes away before its answer was written. */
function abortSignalOf(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
