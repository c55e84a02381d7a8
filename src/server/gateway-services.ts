import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { FlagService } from '../flags/flag-service.ts';
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { VendorHealthProvider } from '../resilience/vendor-health-snapshot.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';

/**
 * The long-lived parts of a running gateway, built once at start-up (start-gateway.ts) from the
 * validated config and handed to every request context. No module keeps its own copy.
 */
export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly registry: VendorRegistry;
  readonly health: VendorHealthProvider;
  readonly logger: Logger;
  readonly authenticator: Authenticator;
  readonly flags: FlagService;
  readonly metrics: GatewayMetrics;
  /** The shared short-TTL read cache (products, levels, SKU lookups); see src/cache. */
  readonly cache: ReadCache;
}
