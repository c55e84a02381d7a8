import type { FastifyInstance } from 'fastify';
import { LimitName, queryTooComplex } from '../limits/query-too-complex.ts';

/**
 * A body over `limits.maxBodyBytes` is answered like every other limit (400, QUERY_TOO_COMPLEX,
 * `extensions.limit: "maxBodyBytes"`), not with Fastify's bare 413. The measured value is the
 * declared Content-Length (Fastify stops reading at the limit, so a chunked body has none).
 */
export function answerBodyLimitAsGraphQL(app: FastifyInstance, maxBodyBytes: number): void {
  app.setErrorHandler((error: { code?: string }, request, reply) => {
    // Only GraphQL requests answer in GraphQL's shape; other routes (webhooks) keep Fastify's 413.
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || !request.url.startsWith('/graphql')) return reply.send(error);
    const declared = Number(request.headers['content-length']);
    const refusal = queryTooComplex(LimitName.BODY_BYTES, Number.isFinite(declared) ? declared : Number.POSITIVE_INFINITY, maxBodyBytes);
    const { http: _http, ...extensions } = refusal.extensions;
    return reply.code(400).type('application/json; charset=utf-8').send({ errors: [{ message: refusal.message, extensions }] });
  });
}
