import type { FastifyInstance } from 'fastify';
import type { WebhookReceiver } from './webhook-receiver.ts';

/**
 * POST /webhooks/:vendorId in its own Fastify scope: the body is kept as raw bytes (signatures
 * are over the exact bytes sent, so no parser may touch it first) and bounded by `maxBodyBytes`
 * (Fastify answers 413 without buffering more). An unknown vendor or a full queue is answered
 * before the body is read.
 */
export async function registerWebhookRoute(app: FastifyInstance, receiver: WebhookReceiver, maxBodyBytes: number): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { vendorId: string } }>(
      '/webhooks/:vendorId',
      {
        bodyLimit: maxBodyBytes,
        onRequest: async (request, reply) => {
          if (!receiver.knows(request.params.vendorId)) {
            return reply.code(404).send({ status: 'unknown-vendor', message: `No vendor "${request.params.vendorId}" receives webhooks here` });
          }
          if (receiver.busy) return reply.code(503).header('retry-after', '1').send({ status: 'busy', message: 'too many deliveries; retry later' });
          return undefined;
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const answer = await receiver.receive(request.params.vendorId, request.headers, body);
        if (answer.headers) reply.headers(answer.headers);
        return reply.code(answer.status).send(answer.body);
      },
    );
  });
}
