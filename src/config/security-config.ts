import { z } from 'zod';

/** `security`: what the gateway tells strangers about itself, and which documents it runs. */
export const securityConfigSchema = z
  .object({
    /** Schema introspection; default: off in production, on in development. */
    introspection: z.boolean().optional(),
    /** "Did you mean …" field suggestions in validation errors; default: off in production, on in development. */
    fieldSuggestions: z.boolean().optional(),
    /** An Apollo persisted-query manifest; with `enforce`, only its documents run. */
    trustedDocuments: z
      .object({
        file: z.string().min(1, 'trustedDocuments.file must name a manifest file'),
        enforce: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SecurityConfig = z.infer<typeof securityConfigSchema>;

const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** `http`: CORS, slow-client timeouts, connection caps and where the operational endpoints live. */
export const httpConfigSchema = z
  .object({
    cors: z
      .object({
        /** Exact origins (scheme://host[:port]) allowed to call from a browser; "*" for any. */
        origins: z.array(z.string().refine((origin) => origin === '*' || ORIGIN.test(origin), { message: 'an origin is "scheme://host[:port]" with no path, or "*"' })),
      })
      .strict()
      .optional(),
    /** Time a client has to send all request headers, ms (slowloris). */
    headersTimeoutMs: z.number().int().positive().default(20_000),
    /** Time a client has to send a whole request, headers and body, ms. */
    receiveTimeoutMs: z.number().int().positive().default(60_000),
    /** An idle keep-alive connection is closed after this many ms (Fastify's 72 s: longer than load balancers' usual 60 s idle timeout). */
    keepAliveTimeoutMs: z.number().int().positive().default(72_000),
    /** Requests one keep-alive connection may carry (0 = no cap). */
    maxRequestsPerSocket: z.number().int().min(0).default(1000),
    /** Open connections the listener accepts at once; further ones are closed at once. Keep it under the process's file-descriptor limit. */
    maxConnections: z.number().int().positive().default(4096),
    /**
     * A second listener on loopback for /metrics, /status and the details of /ready. When set,
     * the public listener hides them in production; when not, they need an admin credential there.
     */
    internalPort: z.number().int().min(0).max(65_535).optional(),
    /**
     * What executes queries and mutations: "jit" compiles each document once with graphql-jit and
     * reuses it (less CPU per request); "graphql-js" is graphql-js's interpreter, the fallback.
     * Subscriptions always run on graphql-js.
     */
    executor: z.enum(['jit', 'graphql-js']).default('jit'),
  })
  .strict();
export type HttpConfig = z.infer<typeof httpConfigSchema>;
