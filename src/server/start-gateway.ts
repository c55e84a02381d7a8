import type { Logger } from 'pino';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import { createReadCache } from '../cache/create-read-cache.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { staticFlagService } from '../flags/static-flag-service.ts';
import { GatewayMetrics } from '../observability/gateway-metrics.ts';
import { VendorPolicies } from '../resilience/vendor-policies.ts';
import { VendorRegistry, createVendorSource } from '../vendors/vendor-registry.ts';
import { createHttpServer, type HttpServer } from './create-http-server.ts';
import type { GatewayServices } from './gateway-services.ts';

const CIRCUIT_LABEL = { CLOSED: 'closed', HALF_OPEN: 'half_open', OPEN: 'open' } as const;

export interface RunningGateway {
  readonly url: string;
  readonly services: GatewayServices;
  readonly http: HttpServer;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly logger: Logger;
}

/** Builds every long-lived part from the validated config, then listens. Nothing starts half-built. */
export function buildServices(config: GatewayConfig, logger: Logger): GatewayServices {
  const metrics = new GatewayMetrics();
  const policies = new VendorPolicies(config.vendors, { logger, onRetry: (vendorId) => metrics.retries.inc({ vendor: vendorId }) });
  const sources = config.vendors.map((vendor) => {
    const policy = policies.get(vendor.id);
    metrics.setCircuitState(vendor.id, 'closed');
    policy.onCircuitChange((state) => metrics.setCircuitState(vendor.id, CIRCUIT_LABEL[state]));
    return createVendorSource(vendor, {
      policy,
      logger: logger.child({ vendorId: vendor.id }),
      observer: metrics,
      costFeedback: policy.costBudget,
    });
  });
  metrics.observeRateBudgets(() => config.vendors.map((vendor) => ({ vendorId: vendor.id, remaining: policies.snapshot(vendor.id).rateLimitRemaining })));
  return {
    config,
    registry: new VendorRegistry(sources),
    health: policies,
    logger,
    authenticator: createAuthenticator(config),
    flags: staticFlagService,
    metrics,
    cache: createReadCache(config.cache),
  };
}

export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  const services = buildServices(config, options.logger);
  const http = await createHttpServer(services);
  const host = options.host ?? (config.environment === 'production' && !config.demo ? '0.0.0.0' : '127.0.0.1');
  const address = await http.app.listen({ port: options.port ?? 4000, host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::1]', '127.0.0.1');
  return {
    url,
    services,
    http,
    async close() {
      await http.close();
      await services.flags.close();
    },
  };
}
