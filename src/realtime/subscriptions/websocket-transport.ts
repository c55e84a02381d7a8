import type { FastifyInstance } from 'fastify';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GatewayError } from '../../errors/gateway-error.ts';
import { connectionHeaders } from './connection-credentials.ts';
import { executeOperation, executeSubscription, refusal } from './execute-subscription.ts';
import { onSlowSubscriber, SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON } from './subscriber-drop.ts';
import type { SubscriptionTransportDeps } from './subscription-transport-deps.ts';

const UNAUTHORIZED_CLOSE_CODE = 4401;
/** A socket that does not finish the close handshake (its reader is stuck) is cut after this. */
const CLOSE_GRACE_MS = 5_000;

/**
 * graphql-transport-ws (the `graphql-ws` library) on the same port and path as HTTP: `/graphql`
 * upgrades. Credentials are checked at `connection_init` with the same authenticator as HTTP
 * (bad or missing where required: close 4401), and again as each subscription's context is built
 * (so a caller's flags are evaluated per subscription). Sockets are closed before the HTTP server
 * stops, so shutdown is not held up by idle subscribers.
 */
export function registerWebSocketTransport(app: FastifyInstance, deps: SubscriptionTransportDeps): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes });
  app.server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const server = useServer(
    {
      schema: deps.schema,
      onConnect: async (ctx) => {
        try {
          await deps.authenticator.authenticate(connectionHeaders(ctx.extra.request.headers, ctx.connectionParams));
          return true;
        } catch (error) {
          const reason = error instanceof GatewayError ? error.message : 'Unauthorized';
          ctx.extra.socket.close(UNAUTHORIZED_CLOSE_CODE, `Unauthorized: ${reason}`.slice(0, 120));
          return false;
        }
      },
      context: async (ctx) => {
        const socket = ctx.extra.socket;
        const closed = new AbortController();
        socket.once('close', () => closed.abort());
        const requestContext = await deps.buildContext(connectionHeaders(ctx.extra.request.headers, ctx.connectionParams), closed.signal);
        onSlowSubscriber(requestContext, () => {
          socket.close(SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON);
          setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
        });
        return requestContext as never;
      },
      execute: async (args) => (await refusal(args, deps.admit, deps.formatError)) ?? executeOperation(args, deps.formatError),
      subscribe: async (args) => (await refusal(args, deps.admit, deps.formatError)) ?? executeSubscription(args, deps.formatError),
    },
    wss,
  );
  app.addHook('preClose', async () => {
    await server.dispose();
  });
}
