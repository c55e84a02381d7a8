import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { Environment } from '../config/config-schema.ts';
import type { HttpConfig } from '../config/security-config.ts';

/** Headers a browser frontend may send: credentials, the request id, and content negotiation. */
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'x-api-key', 'x-request-id', 'apollo-require-preflight'];

/**
 * Cross-origin calls from browser frontends: the configured `http.cors.origins`; in development
 * without configuration any origin (GraphiQL on another port, local frontends); in production
 * none unless listed. Returns whether CORS (and so the preflight answer) is on.
 */
export async function registerCors(app: FastifyInstance, http: HttpConfig, environment: Environment): Promise<boolean> {
  const listed = http.cors?.origins;
  if (!listed && environment === Environment.PRODUCTION) return false;
  const origin = !listed || listed.includes('*') ? (listed ? '*' : true) : listed;
  await app.register(cors, {
    origin,
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['retry-after', 'x-request-id'],
    maxAge: 600,
  });
  return true;
}
