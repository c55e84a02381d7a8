import type { Logger } from 'pino';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import { createReadCache } from '../cache/create-read-cache.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { createFlagService } from '../flags/create-flag-service.ts';
import type { FlagService } from '../flags/flag-service.ts';
import type { OnEvaluate } from '../flags/growthbook-evaluator.ts';
import { InventoryService } from '../stock-changes/inventory-service.ts';
import { GatewayMetrics } from '../observability/gateway-metrics.ts';
import { invalidateStock } from '../cache/invalidate-stock.ts';
import { VendorPolicies } from '../resilience/vendor-policies.ts';
import { openSharedState, type SharedState } from '../scaleout/shared-state.ts';
import { openStateStore } from '../store/open-state-store.ts';
import { createDemandServices } from '../demand/demand-services.ts';
import { PurchasingService } from '../purchasing/purchasing-service.ts';
import type { PurchaseOrderHistory } from '../demand/purchase-order-history.ts';
import { scheduleIncrementalSyncs } from '../sync/incremental-sync-schedule.ts';
import { SyncJobService } from '../sync/sync-job-service.ts';
import { VendorRegistry, createVendorSource } from '../vendors/vendor-registry.ts';
import { createHttpServer, type HttpServer } from './create-http-server.ts';
import { sealedValuesFor } from './sealed-values-for.ts';
import type { SecretKeys } from '../secrets/secret-keys.ts';
import type { GraphServices } from './graph-context.ts';
import { MemoryInventoryEventBus } from '../realtime/bus/memory-event-bus.ts';
import { observedChangeBus } from '../realtime/events/observed-change-bus.ts';
import { InventoryChangeSource } from '../realtime/inventory-event-bus.ts';
import { RedisInventoryEventBus } from '../realtime/redis-inventory-event-bus.ts';
import { createRealtimeServices } from '../realtime/realtime-services.ts';

const CIRCUIT_LABEL = { CLOSED: 'closed', HALF_OPEN: 'half_open', OPEN: 'open' } as const;

export interface RunningGateway {
  readonly url: string;
  readonly services: GraphServices;
  readonly http: HttpServer;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly logger: Logger;
  /** Called once per flag per request as it is evaluated (the metrics work counts these). */
  readonly onFlagEvaluate?: OnEvaluate;
  /** Demo mode: the simulators' purchase-order history (the demo entry supplies it). */
  readonly purchaseOrders?: PurchaseOrderHistory;
  /** STOCKGRAPH_SECRET_KEY (and the previous one): seals the secrets the gateway keeps. */
  readonly secretKeys?: SecretKeys | null;
  /** False: build everything but do not listen (the stdio MCP server runs operations in-process). */
  readonly listen?: boolean;
}

/**
 * Builds every long-lived part from the validated config, the loaded flag service and the metrics;
 * `shared` (PostgreSQL, Redis) when several instances share state, else one process on SQLite.
 */
export function buildServices(
  config: GatewayConfig,
  logger: Logger,
  flags: FlagService,
  metrics: GatewayMetrics,
  options: Pick<StartOptions, 'purchaseOrders' | 'secretKeys'> & { readonly shared?: SharedState } = {},
): GraphServices {
  // A store that cannot open stops start-up (StateStoreOpenError names store.sqlitePath) before
  // anything listens; it is opened first because vendors may keep sealed secrets in it.
  const store = options.shared?.postgres ?? openStateStore(config);
  try {
    return buildOnStore(config, logger, flags, metrics, store, sealedValuesFor(config, store, options.secretKeys ?? null), options);
  } catch (error) {
    if (!options.shared?.postgres) void store.close();
    throw error;
  }
}

function buildOnStore(
  config: GatewayConfig,
  logger: Logger,
  flags: FlagService,
  metrics: GatewayMetrics,
  store: GraphServices['store'],
  sealedValues: ReturnType<typeof sealedValuesFor>,
  options: Pick<StartOptions, 'purchaseOrders'> & { readonly shared?: SharedState },
): GraphServices {
  const shared = options.shared;
  const policies = new VendorPolicies(config.vendors, {
    logger,
    onRetry: (vendorId) => metrics.retries.inc({ vendor: vendorId }),
    onRefusal: (vendorId, reason) => metrics.vendorRefusals.inc({ vendor: vendorId, reason }),
    ...(shared?.budgets ? { budgets: shared.budgets } : {}),
  });
  const vendorDeps = (vendorId: string) => {
    const policy = policies.get(vendorId);
    return { policy, logger: logger.child({ vendorId }), observer: metrics, costFeedback: policy.costBudget, sealedValues };
  };
  const sources = config.vendors.map((vendor) => {
    const policy = policies.get(vendor.id);
    metrics.setCircuitState(vendor.id, 'closed');
    policy.onCircuitChange((state) => metrics.setCircuitState(vendor.id, CIRCUIT_LABEL[state]));
    return createVendorSource(vendor, vendorDeps(vendor.id));
  });
  metrics.observeRateBudgets(() => config.vendors.map((vendor) => ({ vendorId: vendor.id, remaining: policies.snapshot(vendor.id).rateLimitRemaining })));
  const registry = new VendorRegistry(sources);
  const cache = shared ? shared.wrapCache(createReadCache(config.cache)) : createReadCache(config.cache);
  const inventory = new InventoryService({ config, registry, store, logger, leases: shared?.leases ?? null });
  // Stock the gateway changed (mutations, sync) leaves the shared read cache at once.
  inventory.stockChanges.subscribe({ invalidate: (productIds) => invalidateStock({ cache }, productIds) });
  // Every stock change as an event (subscriptions, cache invalidation across instances); the
  // gateway's own applied mutations are MUTATION events.
  // One process: an in-memory bus; several instances: Redis pub/sub, so every subscriber hears every change.
  const busLogger = logger.child({ component: 'event-bus' });
  const bus = shared?.redis ? new RedisInventoryEventBus(shared.redis, busLogger) : new MemoryInventoryEventBus(busLogger);
  const realtime = createRealtimeServices(config, { bus, registry, store, cache, flags, logger, vendorDeps });
  inventory.stockChanges.subscribe(realtime.publisher.mutationListener);
  return {
    config,
    registry,
    health: policies,
    logger,
    authenticator: createAuthenticator(config, logger.child({ component: 'auth' })),
    flags,
    metrics,
    store,
    inventory,
    // Sync jobs see levels: their SYNC events go through what the gateway already knew (no echo of its own writes).
    syncJobs: new SyncJobService({
      config,
      registry,
      store,
      listener: inventory.stockChanges,
      logger,
      bus: observedChangeBus(bus, realtime.publisher, InventoryChangeSource.SYNC),
      // Several instances: a job runs only where its account's sync lease is held.
      ownership: shared?.leases && config.redis ? { leases: shared.leases, ttlMs: config.redis.syncLeaseTtlMs } : null,
    }),
    demand: createDemandServices(config, registry, store, logger, { purchaseOrders: options.purchaseOrders }),
    purchasing: new PurchasingService({ config, store, logger }),
    cache,
    realtime,
    ...(shared?.postgres || shared?.redis ? { sharedState: shared } : {}),
  };
}

/**
 * Loads the flag definitions (failing start-up when there is no good copy), builds the services,
 * then listens. Nothing starts half-built: a failure on the way releases what was started.
 */
export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  const metrics = new GatewayMetrics();
  const flags = await createFlagService(config, {
    logger: options.logger,
    onEvaluate: (flag, on) => {
      metrics.flagEvaluations.inc({ flag, value: on ? 'on' : 'off' });
      options.onFlagEvaluate?.(flag, on);
    },
    onDefinitionsChanged: () => metrics.flagReloads.inc(),
  });
  let services: GraphServices;
  let http: HttpServer;
  let address: string;
  let shared: SharedState;
  try {
    shared = await openSharedState(config, options.logger);
  } catch (error) {
    await flags.close();
    throw error;
  }
  try {
    services = buildServices(config, options.logger, flags, metrics, { ...options, shared });
  } catch (error) {
    await shared.close();
    await flags.close();
    throw error;
  }
  try {
    http = await createHttpServer(services);
  } catch (error) {
    await services.store.close();
    await shared.close();
    await flags.close();
    throw error;
  }
  const purge = services.inventory.startPurgeJob();
  const syncSchedule = scheduleIncrementalSyncs(config.vendors, (vendorId, mode) => services.syncJobs.startJob(vendorId, mode), options.logger);
  const host = options.host ?? (config.environment === 'production' && !config.demo ? '0.0.0.0' : '127.0.0.1');
  try {
    address = options.listen === false ? '' : await http.app.listen({ port: options.port ?? 4000, host });
    // Operational endpoints only on loopback: scraped by a local agent or a sidecar.
    if (http.internal && options.listen !== false) await http.internal.listen({ port: config.http.internalPort, host: '127.0.0.1' });
  } catch (error) {
    purge.stop();
    syncSchedule.stop();
    await http.close();
    await flags.close();
    await services.store.close();
    await shared.close();
    throw error;
  }
  // Jobs a previous process left RUNNING continue under their ids, from their stored cursors.
  const resumed = await services.syncJobs.resumeInterrupted();
  if (resumed > 0) options.logger.info({ resumed }, 'resumed interrupted sync jobs');
  services.syncJobs.watchUnowned();
  // Purchase-order deliveries a previous process left with attempts to go continue in the background.
  const deliveries = await services.purchasing.resumeDeliveries();
  if (deliveries > 0) options.logger.info({ deliveries }, 'resumed purchase-order deliveries');
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::1]', '127.0.0.1');
  services.realtime.startPolling();
  return {
    url,
    services,
    http,
    async close() {
      await http.close();
      purge.stop();
      syncSchedule.stop();
      // Stops running jobs without finishing them: the next start-up resumes them.
      await services.syncJobs.close();
      await services.purchasing.close();
      await services.realtime.close();
      await services.flags.close();
      await services.store.close();
      await shared.close();
      await Promise.all(services.registry.all.map((source) => source.close?.()));
    },
  };
}
