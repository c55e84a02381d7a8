import type { Logger } from 'pino';
import type { GatewayConfig } from '../../src/config/config-schema.ts';
import { deadlineOnlyPolicy } from '../../src/resilience/upstream-policy.ts';
import { createFlagService } from '../../src/flags/create-flag-service.ts';
import { GatewayMetrics } from '../../src/observability/gateway-metrics.ts';
import { createHttpServer } from '../../src/server/create-http-server.ts';
import type { GraphServices } from '../../src/server/graph-context.ts';
import { buildServices } from '../../src/server/start-gateway.ts';
import { NoReadCache } from './no-read-cache.ts';
import { VendorRegistry, createVendorSource } from '../../src/vendors/vendor-registry.ts';
import { UnbatchedVendorSource } from './unbatched-vendor-source.ts';

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The naive baseline: the gateway's own schema, resolvers and HTTP stack, over vendor sources
 * built fresh (deadline-only policy, no read cache, no budgets) and wrapped so that every key and every product's levels is its own upstream call.
 * Everything else in the services (auth, flags, metrics) is the gateway's, so the difference
 * between the two servers is batching and caching alone.
 */
export async function buildNaiveServices(config: GatewayConfig, logger: Logger): Promise<GraphServices> {
  const metrics = new GatewayMetrics();
  const services = buildServices(config, logger, await createFlagService(config, { logger }), metrics);
  // Deadline only: with the gateway's rate budgets and breakers, a per-key fan-out exhausts the
  // budgets and fails (queued calls then outlive their request). Without them the baseline is
  // optimistic: only what the vendors themselves enforce (Shopify's bucket answers THROTTLED) slows it.
  const sources = config.vendors.map(
    (vendor) => new UnbatchedVendorSource(createVendorSource(vendor, { policy: deadlineOnlyPolicy, logger: logger.child({ vendorId: vendor.id }) })),
  );
  return { ...services, registry: new VendorRegistry(sources), cache: new NoReadCache() };
}

export async function startNaiveGateway(config: GatewayConfig, logger: Logger, port = 0): Promise<BenchServer> {
  const services = await buildNaiveServices(config, logger);
  const http = await createHttpServer(services);
  const address = await http.app.listen({ port, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await http.close();
      await services.flags.close();
      await Promise.all(services.registry.all.map((source) => source.close?.()));
    },
  };
}
