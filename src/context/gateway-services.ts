import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { FlagService } from '../flags/flag-service.ts';
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { VendorHealthProvider } from '../resilience/vendor-health-snapshot.ts';
import type { SharedStateStatus } from '../scaleout/shared-state.ts';
import type { StateStore } from '../store/state-store.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';

/**
 * The long-lived parts of a running gateway that every service may use, built once at start-up
 * (server/start-gateway.ts) from the validated config and handed to every request context. No
 * module keeps its own copy. The services built on these (stock changes, demand planning) are not
 * listed here, so this folder never depends on theirs: the server adds them (GraphServices in
 * src/server/graph-context.ts), and a service that needs one of them names it in its own context
 * type (DemandRequestContext).
 */
export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly registry: VendorRegistry;
  readonly health: VendorHealthProvider;
  readonly logger: Logger;
  readonly authenticator: Authenticator;
  readonly flags: FlagService;
  readonly metrics: GatewayMetrics;
  /** Durable state: idempotency records, audit log, sync cursors (opened at start-up, closed at shutdown). */
  readonly store: StateStore;
  /** The shared short-TTL read cache (products, levels, SKU lookups); see src/cache. */
  readonly cache: ReadCache;
  /** PostgreSQL and Redis shared with other instances, when configured (/ready shows their state). */
  readonly sharedState?: { status(): Promise<SharedStateStatus> };
}
