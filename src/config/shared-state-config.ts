import { z } from 'zod';

/** A connection URL after `${ENV_VAR}` interpolation; it may hold a password, so it is a secret. */
const connectionUrl = (schemes: readonly string[], example: string) =>
  z
    .string()
    .min(1, 'must not be empty')
    .refine((value) => schemes.some((scheme) => value.startsWith(`${scheme}://`)), {
      message: `must be a ${schemes.join(' or ')} URL such as ${example}`,
    })
    .refine((value) => URL.canParse(value), { message: `is not a valid URL; use the form ${example}` });

/** `store.postgres`: PostgreSQL replaces SQLite for the durable records. */
export const postgresConfigSchema = z
  .object({
    url: connectionUrl(['postgres', 'postgresql'], 'postgres://user:password@db:5432/stockgraph'),
    /** Schema holding the gateway's tables (created when missing). */
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'use lowercase letters, digits and underscores').default('stockgraph'),
    /** Connections per instance. */
    poolSize: z.number().int().positive().max(100).default(10),
    /** A query or connection attempt longer than this fails (the write is refused, a read goes on). */
    statementTimeoutMs: z.number().int().positive().default(5_000),
  })
  .strict();

export type PostgresConfig = z.infer<typeof postgresConfigSchema>;

/** `redis`: shared budgets, cache invalidation, locks, leases and event fan-out across instances. */
export const redisConfigSchema = z
  .object({
    url: connectionUrl(['redis', 'rediss'], 'redis://:password@redis:6379/0'),
    /** Prefix of every key and channel, so several gateways (or tests) can share one Redis. */
    keyPrefix: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'use letters, digits, ":", "_" and "-"').default('stockgraph:'),
    /**
     * While Redis is unreachable each instance reads on its own with this fraction of a vendor's
     * budget (burst and restore rate), so N instances stay within the vendor's limit when N ≤ 1/fraction.
     */
    localBudgetFraction: z.number().positive().max(1).default(0.25),
    /** How often (at most) "Redis is down, using local budgets" is logged. */
    degradedLogIntervalMs: z.number().int().positive().default(60_000),
    /** A Redis command slower than this counts as failed (a write is refused, a read falls back). */
    commandTimeoutMs: z.number().int().positive().default(1_000),
    /**
     * Lease on a vendor account's sync job, renewed every third of it: the instance holding it runs
     * the job; when that instance dies another takes the job over from its cursor within about this long.
     */
    syncLeaseTtlMs: z.number().int().min(300, 'must be at least 300 ms (the lease is renewed every third of it)').default(30_000),
  })
  .strict();

export type RedisConfig = z.infer<typeof redisConfigSchema>;
