import type { FastifyInstance } from 'fastify';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import type { RequestContext } from '../../context/request-context.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { executeOperation, executeSubscription, refusal } from './execute-subscription.ts';
import { onSlowSubscriber } from './subscriber-drop.ts';
import type { SubscriptionTransportDeps } from './subscription-transport-deps.ts';

/**
 * GraphQL over Server-Sent Events (the `graphql-sse` library) at `/graphql/stream`, in its
 * "distinct connections" mode only: each subscription is its own `POST` (or `GET`) with
 * `Accept: text/event-stream`, authenticated by its headers exactly as HTTP is (401 before any
 * event when the credentials are bad). A subscriber that falls behind has its stream cut (SSE has
 * no close codes; the client sees the stream end without `complete`).
 */
export function registerSseTransport(app: FastifyInstance, deps: SubscriptionTransportDeps): void {
  const contexts = new WeakMap<object, RequestContext>();
  // graphql-sse types its context as a plain record; the gateway's context is an interface.
  type SseContext = RequestContext & Record<PropertyKey, unknown>;
  const handler = createHandler<SseContext>({
    schema: deps.schema,
    // null: never the "single connection" mode (reservations shared across requests by a token).
    authenticate: () => null,
    onSubscribe: async (req) => {
      const reply = req.context.reply;
      const closed = new AbortController();
      reply.raw.once('close', () => closed.abort());
      try {
        const ctx = await deps.buildContext(req.raw.headers, closed.signal);
        onSlowSubscriber(ctx, () => reply.raw.destroy());
        contexts.set(req, ctx);
        return undefined;
      } catch (error) {
        if (!(error instanceof GatewayError) || error.code !== ErrorCode.UNAUTHENTICATED) throw error;
        const body = JSON.stringify({ errors: [deps.formatError(error.toJSON(), error)] });
        return [body, { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json; charset=utf-8' } }];
      }
    },
    context: (req) => contexts.get(req) as SseContext,
    execute: async (args) => (await refusal(args, deps.admit, deps.formatError)) ?? executeOperation(args, deps.formatError),
    subscribe: async (args) => (await refusal(args, deps.admit, deps.formatError)) ?? executeSubscription(args, deps.formatError),
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    url: '/graphql/stream',
    handler: async (request, reply) => {
      reply.hijack();
      try {
        await handler(request, reply);
      } catch (error) {
        request.log.error({ err: error }, 'graphql-sse handler failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] }));
      }
    },
  });
}
