import type { Logger } from 'pino';
import type { GatewayConfig } from '../../src/config/config-schema.ts';
import { VendorPolicies } from '../../src/resilience/vendor-policies.ts';
import { createHttpServer } from '../../src/server/create-http-server.ts';
import type { GatewayServices } from '../../src/server/gateway-services.ts';
import { buildServices } from '../../src/server/start-gateway.ts';
import { VendorRegistry, createVendorSource } from '../../src/vendors/vendor-registry.ts';
import { UnbatchedVendorSource } from './unbatched-vendor-source.ts';

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The naive baseline: the gateway's own schema, resolvers and HTTP stack, over vendor sources
 * built fresh (their own policies, no read cache) and wrapped so that every key and every product's levels is its own upstream call.
 * Everything else in the services (auth, flags, metrics) is the gateway's, so the difference
 * between the two servers is batching and caching alone.
 */
export function buildNaiveServices(config: GatewayConfig, logger: Logger): GatewayServices {
  const services = buildServices(config, logger);
  // The same per-vendor policies as the gateway (deadline, retries, rate and cost budgets): a
  // naive server that ignored Shopify's bucket would be throttled, not merely slow.
  const policies = new VendorPolicies(config.vendors, { logger });
  const sources = config.vendors.map((vendor) => {
    const policy = policies.get(vendor.id);
    const source = createVendorSource(vendor, { policy, logger: logger.child({ vendorId: vendor.id }), costFeedback: policy.costBudget });
    return new UnbatchedVendorSource(source);
  });
  return { ...services, registry: new VendorRegistry(sources) };
}

export async function startNaiveGateway(config: GatewayConfig, logger: Logger, port = 0): Promise<BenchServer> {
  const services = buildNaiveServices(config, logger);
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
