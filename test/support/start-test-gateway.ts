import pino from 'pino';
import { createAuthenticator } from '../../src/auth/create-authenticator.ts';
import { createReadCache } from '../../src/cache/create-read-cache.ts';
import type { GatewayConfig } from '../../src/config/config-schema.ts';
import { validateConfig } from '../../src/config/load-config.ts';
import { staticFlagService } from '../../src/flags/static-flag-service.ts';
import { GatewayMetrics } from '../../src/observability/gateway-metrics.ts';
import { UNKNOWN_HEALTH } from '../../src/resilience/vendor-health-snapshot.ts';
import { createHttpServer, type HttpServer } from '../../src/server/create-http-server.ts';
import type { GatewayServices } from '../../src/server/gateway-services.ts';
import { VendorRegistry } from '../../src/vendors/vendor-registry.ts';
import type { VendorSource } from '../../src/vendors/vendor-source.ts';

export interface TestGateway {
  readonly url: string;
  readonly services: GatewayServices;
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
  options: { config?: GatewayConfig; services?: Partial<GatewayServices> } = {},
): Promise<TestGateway> {
  const config = options.config ?? testConfig();
  const services: GatewayServices = {
    config,
    registry: new VendorRegistry(sources),
    health: { snapshot: () => UNKNOWN_HEALTH },
    logger: pino({ level: 'silent' }),
    authenticator: createAuthenticator(config),
    flags: staticFlagService,
    metrics: new GatewayMetrics({ processMetrics: false }),
    cache: createReadCache(config.cache),
    ...options.services,
  };
  const http = await createHttpServer(services);
  const url = await http.app.listen({ port: 0, host: '127.0.0.1' });
  return { url, services, http, close: () => http.close() };
}
