import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { FlagService } from '../flags/flag-service.ts';
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { DemandServices } from '../demand/demand-services.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { VendorHealthProvider } from '../resilience/vendor-health-snapshot.ts';
import type { RealtimeServices } from '../realtime/realtime-services.ts';
import type { StateStore } from '../store/state-store.ts';
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
  /** Durable state: idempotency records, audit log, sync cursors (opened at start-up, closed at shutdown). */
  readonly store: StateStore;
  /** Inventory mutations (exactly-once), sync, and the stock-change fan-out (`inventory.stockChanges`). */
  readonly inventory: InventoryService;
  /** Demand history, forecasts, reorder suggestions, vendor performance, analytics. */
  readonly demand: DemandServices;
  /** The shared short-TTL read cache (products, levels, SKU lookups); see src/cache. */
  readonly cache: ReadCache;
  /** The inventory event bus, webhook intake and what publishes stock changes to subscribers; see src/realtime. */
  readonly realtime: RealtimeServices;
}
