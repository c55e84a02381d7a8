import type { Logger } from 'pino';
import type { ReadCache } from '../cache/read-cache.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { BudgetFactory } from '../resilience/budget-factory.ts';
import { PostgresStateStore } from '../store/postgres-state-store.ts';
import { BroadcastInvalidationCache } from './broadcast-invalidation-cache.ts';
import { DegradedLog } from './degraded-log.ts';
import { RedisConnection } from './redis-connection.ts';
import { RedisLeases } from './redis-leases.ts';
import { sharedBudgets } from './shared-budgets.ts';
import type { SharedLeases } from './shared-leases.ts';
import { vendorAccountKey } from './vendor-account-key.ts';

/** One engine's state for /ready: `down` since when, with its last error (credentials redacted). */
export interface SharedEngineStatus {
  readonly status: 'up' | 'down';
  readonly since: string;
  readonly lastError: string | null;
}

/** What /ready shows under `sharedState`; an engine not configured is absent. */
export interface SharedStateStatus {
  readonly postgres?: SharedEngineStatus;
  readonly redis?: SharedEngineStatus & { readonly degraded: readonly string[] };
}

/**
 * The engines several instances share, opened at start-up when configured: PostgreSQL for the
 * durable records, Redis for budgets, cache invalidation and leases. Without `store.postgres` and
 * `redis` everything here is null and the gateway is one process on SQLite, as before.
 */
export interface SharedState {
  readonly postgres: PostgresStateStore | null;
  readonly redis: RedisConnection | null;
  /** Per vendor account, in Redis; undefined = in memory (VendorPolicyOptions.budgets). */
  readonly budgets: BudgetFactory | undefined;
  readonly leases: SharedLeases | null;
  /** The read cache this instance uses: the local one, with deletions broadcast when Redis is on. */
  wrapCache(local: ReadCache): ReadCache;
  status(): Promise<SharedStateStatus>;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before going on degraded (reads work; writes are refused until it answers). */
const REDIS_STARTUP_WAIT_MS = 3_000;

/**
 * Opens what is configured. PostgreSQL must be reachable at start-up (its migrations must run
 * before anything is served; PostgresOpenError names store.postgres.url without the password);
 * Redis may come later: the instance starts degraded and recovers when Redis answers.
 */
export async function openSharedState(config: GatewayConfig, logger: Logger): Promise<SharedState> {
  const postgres = config.store.postgres ? await PostgresStateStore.open(config.store.postgres) : null;
  let redis: RedisConnection | null = null;
  if (config.redis) {
    redis = new RedisConnection(config.redis, logger);
    if (!(await redis.ready(REDIS_STARTUP_WAIT_MS))) {
      logger.warn('Redis not reachable at start-up: starting degraded (reads on local budgets, writes refused until it answers)');
    }
  }
  const redisConfig = config.redis;
  const budgets =
    redis && redisConfig
      ? sharedBudgets({
          redis,
          accountKeys: new Map(config.vendors.map((vendor) => [vendor.id, vendorAccountKey(vendor)])),
          localFraction: redisConfig.localBudgetFraction,
          degraded: new DegradedLog(logger.child({ component: 'shared-budgets' }), redisConfig.degradedLogIntervalMs),
        })
      : undefined;
  return {
    postgres,
    redis,
    budgets,
    leases: redis ? new RedisLeases(redis) : null,
    wrapCache: (local) => (redis ? new BroadcastInvalidationCache(local, redis, logger) : local),
    async status() {
      const out: { postgres?: SharedEngineStatus; redis?: SharedEngineStatus & { degraded: string[] } } = {};
      if (postgres) out.postgres = engineStatus(await postgres.ping());
      if (redis) {
        await redis.client.ping().catch((error: unknown) => redis?.noteFailure(error));
        const health = redis.health();
        out.redis = { ...engineStatus(health), degraded: health.up ? [] : ['rate budgets local', 'writes refused'] };
      }
      return out;
    },
    async close() {
      await Promise.all([postgres?.close(), redis?.close()]);
    },
  };
}

function engineStatus(health: { readonly up: boolean; readonly since: number; readonly lastError: string | null }): SharedEngineStatus {
  return { status: health.up ? 'up' : 'down', since: new Date(health.since).toISOString(), lastError: health.lastError };
}
