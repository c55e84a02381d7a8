import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildRequestContext } from '../context/build-request-context.ts';
import { Environment } from '../config/config-schema.ts';
import { debugModePlugin } from './debug-mode-plugin.ts';
import { registerMcpRoute } from '../mcp/mcp-http-route.ts';
import { McpServerFactory } from '../mcp/mcp-server-factory.ts';
import { compiledExecutor } from './compiled-executor.ts';
import { buildExecutableSchema, type SchemaExtension } from './executable-schema.ts';
import { createFormatError } from './format-error.ts';
import type { GraphContext, GraphServices } from './graph-context.ts';
import { graphiqlHtml, registerGraphiQLAssets, wantsGraphiQL } from './graphiql-route.ts';
import { registerHealthRoutes } from './health-routes.ts';
import type { OperationalAccess } from '../security/operational-access.ts';
import { partialErrorsPlugin } from './partial-errors-plugin.ts';
import { operationMetricsPlugin } from './operation-metrics-plugin.ts';
import { registerStatusPage } from './status-page.ts';
import { requestLogPlugin } from './request-log-plugin.ts';
import type { QuotaLimiter } from '../limits/quota-limiter.ts';
import { securityOptions } from '../security/security-options.ts';
import { unlistedText } from '../security/trusted-documents.ts';
import { registerCors } from '../security/cors.ts';
import { answerBodyLimitAsGraphQL } from '../security/body-limit-answer.ts';
import { operationalAccess } from '../security/operational-access.ts';
import { listenerOptions } from '../security/server-options.ts';
import { registerWebhookRoute } from '../realtime/webhooks/webhook-route.ts';
import { registerSseTransport } from '../realtime/subscriptions/sse-transport.ts';
import { registerWebSocketTransport } from '../realtime/subscriptions/websocket-transport.ts';

export interface HttpServer {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<GraphContext>;
  /** The loopback listener for /metrics, /status and /ready when `http.internalPort` is set (not yet listening). */
  readonly internal: FastifyInstance | null;
  /** The MCP server's parts (served at /mcp, and over stdio by `npm run mcp`). */
  readonly mcp: McpServerFactory<GraphContext>;
  /** Stops taking requests, drains in-flight ones, then closes. */
  close(): Promise<void>;
}

/** Fastify + Apollo Server: /graphql (POST, GET, GraphiQL for browsers), /mcp, /health, /ready. */
export async function createHttpServer(services: GraphServices, options: { schemaExtension?: SchemaExtension; quotaLimiter?: QuotaLimiter } = {}): Promise<HttpServer> {
  const { config } = services;
  const app = Fastify({ logger: false, forceCloseConnections: 'idle', ...listenerOptions(config.http, config.limits.maxBodyBytes) });
  app.server.maxConnections = config.http.maxConnections;
  answerBodyLimitAsGraphQL(app, config.limits.maxBodyBytes);
  const corsOn = await registerCors(app, config.http, config.environment);
  // Quotas count in this process unless a shared limiter is handed in (several instances).
  const security = securityOptions(config, services.logger, options.quotaLimiter);
  const state = { draining: false };
  const schema = buildExecutableSchema(options.schemaExtension);
  const formatError = createFormatError({ exposeInternalMessages: services.config.environment === Environment.DEVELOPMENT });
  // graphql-jit runs queries and mutations unless configured off (Apollo takes an executor only from a gateway).
  const executor = config.http.executor === 'jit' ? compiledExecutor(schema) : null;
  const apollo = new ApolloServer<GraphContext>({
    ...(executor ? { gateway: executor.gateway } : { schema }),
    ...security.apollo,
    // Callers authenticate with headers (API keys, bearer tokens), never cookies, so there is no
    // ambient credential for a cross-site request to ride on; GET queries from plain
    // GraphQL-over-HTTP clients must work without Apollo's preflight header.
    // Mutations never run over GET (Apollo answers 405), and a POST needs a JSON content type,
    // which a browser cannot send cross-site without a preflight (test/integration/limits).
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
      // No ftv1 trace in responses, whatever a client asks for (graphql-cop's "trace mode"), and no
      // federated tracing for Apollo Studio though the schema is a subgraph: traces go to OpenTelemetry.
      ApolloServerPluginInlineTraceDisabled(),
      // The IDE is our own GraphiQL route; Apollo's landing page (which loads a CDN sandbox) is off.
      ApolloServerPluginLandingPageDisabled(),
      ...security.plugins,
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
    // With CORS on, @fastify/cors answers the preflight; without it OPTIONS reaches Apollo (405).
    method: corsOn ? ['GET', 'POST'] : ['GET', 'POST', 'OPTIONS'],
    url: '/graphql',
    handler: async function (request, reply) {
      // GraphiQL only where introspection is on: without it the IDE has nothing to show, and a
      // public endpoint need not advertise one (graphql-cop's "GraphQL IDE" probe).
      if (security.apollo.introspection && wantsGraphiQL(request.method, request.headers.accept, request.query)) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml());
      }
      const untrusted = unlistedText(security.trusted, request.body, request.query);
      if (untrusted) return reply.code(400).send({ errors: [{ message: untrusted.message, extensions: { code: untrusted.code } }] });
      return graphql.call(this, request as never, reply as never);
    },
  });
  const mcp = new McpServerFactory(apollo, services, schema);
  registerMcpRoute(app, services, mcp);
  app.get('/', async (_request, reply) => reply.redirect('/graphql'));
  registerGraphiQLAssets(app);
  const internal = config.http.internalPort === undefined ? null : Fastify({ logger: false });
  const access = operationalAccess({ environment: config.environment, internalListener: internal !== null, authenticator: services.authenticator });
  registerHealthRoutes(app, services, state, access);
  registerOperationalRoutes(internal ?? app, services, internal ? null : access);
  if (internal) registerHealthRoutes(internal, services, state, null);
  await registerWebhookRoute(app, services.realtime.webhooks, services.config.realtime.webhookMaxBodyBytes);
  // Subscriptions: graphql-transport-ws on /graphql and GraphQL over SSE on /graphql/stream, same schema and context.
  const subscriptions = {
    schema,
    authenticator: services.authenticator,
    buildContext: (headers: IncomingHttpHeaders, signal: AbortSignal) => buildRequestContext(services, { headers, signal }),
    formatError,
    admit: security.admit,
    maxMessageBytes: config.limits.maxBodyBytes,
  };
  registerWebSocketTransport(app, subscriptions);
  registerSseTransport(app, subscriptions);

  return {
    app,
    apollo,
    internal,
    mcp,
    async close() {
      state.draining = true;
      await app.close(); // the drain plugin waits for in-flight operations
      await internal?.close();
    },
  };
}

/** /status and /metrics, on the public listener behind `access` or on the internal one. */
function registerOperationalRoutes(app: FastifyInstance, services: GraphServices, access: OperationalAccess | null): void {
  app.register(async (scope) => {
    if (access) {
      scope.addHook('onRequest', async (request, reply) => {
        if (!(await access.mayRead(request))) return access.refuse(request, reply);
      });
    }
    registerStatusPage(scope, services);
    scope.get('/metrics', async (_request, reply) =>
      reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics()),
    );
  });
}

/** Aborted when the client goes away before its answer was written. */
function abortSignalOf(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
