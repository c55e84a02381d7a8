import pino from 'pino';
import { invalidateStock } from '../../src/cache/invalidate-stock.ts';
import { createAuthenticator } from '../../src/auth/create-authenticator.ts';
import { createReadCache } from '../../src/cache/create-read-cache.ts';
import type { GatewayConfig } from '../../src/config/config-schema.ts';
import { validateConfig } from '../../src/config/load-config.ts';
import { staticFlagService } from '../../src/flags/static-flag-service.ts';
import { createDemandServices } from '../../src/demand/demand-services.ts';
import { InventoryService } from '../../src/stock-changes/inventory-service.ts';
import { GatewayMetrics } from '../../src/observability/gateway-metrics.ts';
import { UNKNOWN_HEALTH } from '../../src/resilience/vendor-health-snapshot.ts';
import { createHttpServer, type HttpServer } from '../../src/server/create-http-server.ts';
import type { SchemaExtension } from '../../src/server/executable-schema.ts';
import type { GraphServices } from '../../src/server/graph-context.ts';
import { MemoryInventoryEventBus } from '../../src/realtime/bus/memory-event-bus.ts';
import { createRealtimeServices } from '../../src/realtime/realtime-services.ts';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.ts';
import { SyncJobService } from '../../src/sync/sync-job-service.ts';
import { PurchasingService } from '../../src/purchasing/purchasing-service.ts';
import { VendorRegistry } from '../../src/vendors/vendor-registry.ts';
import type { VendorSource } from '../../src/vendors/vendor-source.ts';

export interface TestGateway {
  readonly url: string;
  readonly services: GraphServices;
  readonly http: HttpServer;
  close(): Promise<void>;
}

/** A development-mode config document whose vendor list is irrelevant (sources are injected). */
export function testConfig(overrides: Record<string, unknown> = {}): GatewayConfig {
  return validateConfig(
    {
      environment: 'development',
      vendors: [{ id: 'placeholder', name: 'Placeholder', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck_x', consumerSecret: 'cs_x' }],
      ...overrides,
    },
    {},
    'test',
  );
}

/** Serves the real HTTP stack over injected vendor sources on an ephemeral loopback port. */
export async function startGatewayWithSources(
  sources: readonly VendorSource[],
  options: { config?: GatewayConfig; services?: Partial<GraphServices>; schemaExtension?: SchemaExtension } = {},
): Promise<TestGateway> {
  const config = options.config ?? testConfig();
  const registry = options.services?.registry ?? new VendorRegistry(sources);
  const logger = options.services?.logger ?? pino({ level: 'silent' });
  // An in-memory store unless the test brings its own (then the test closes it).
  const store = options.services?.store ?? new SqliteStateStore(':memory:');
  const inventory = options.services?.inventory ?? new InventoryService({ config, registry, store, logger });
  const cache = options.services?.cache ?? createReadCache(config.cache);
  const services: GraphServices = {
    config,
    registry,
    health: { snapshot: () => UNKNOWN_HEALTH },
    logger,
    authenticator: createAuthenticator(config),
    flags: staticFlagService,
    metrics: new GatewayMetrics({ processMetrics: false }),
    store,
    inventory,
    // Failed pages are retried at once: tests count requests, they do not wait.
    syncJobs: new SyncJobService({ config, registry, store, listener: inventory.stockChanges, logger, retryDelaysMs: [0, 0] }),
    demand: createDemandServices(config, registry, store, logger),
    purchasing: new PurchasingService({ config, store, logger }),
    cache,
    realtime: createRealtimeServices(config, {
      bus: new MemoryInventoryEventBus(logger),
      registry,
      store,
      cache,
      flags: options.services?.flags ?? staticFlagService,
      logger,
      vendorDeps: () => {
        throw new Error('vendor clients are not available over injected sources');
      },
    }),
    ...options.services,
  };
  services.inventory.stockChanges.subscribe({ invalidate: (productIds) => invalidateStock(services, productIds) });
  services.inventory.stockChanges.subscribe(services.realtime.publisher.mutationListener);
  const http = await createHttpServer(services, { schemaExtension: options.schemaExtension });
  const url = await http.app.listen({ port: 0, host: '127.0.0.1' });
  const close = async () => {
    await http.close();
    await services.realtime.close();
    await services.syncJobs.close();
    await services.purchasing.close();
    if (!options.services?.store) await store.close();
  };
  return { url, services, http, close };
}
