import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { StateStore } from '../store/state-store.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { DemandHistoryService } from './demand-history.ts';
import { DerivedCache } from './derived-cache.ts';
import { planningFor } from '../config/planning-config.ts';
import { noPurchaseOrders, type PurchaseOrderHistory } from './purchase-order-history.ts';

/** The long-lived parts of demand planning (GraphServices.demand, server/graph-context.ts). */
export interface DemandServices {
  readonly history: DemandHistoryService;
  readonly cache: DerivedCache;
  readonly purchaseOrders: PurchaseOrderHistory;
  /** Epoch-ms clock of every demand figure. */
  now(): number;
}

export interface DemandServicesOptions {
  readonly now?: () => number;
  /** Where purchase orders come from; none by default (demo mode passes the simulators' history). */
  readonly purchaseOrders?: PurchaseOrderHistory;
}

/**
 * Built once at start-up. Demo mode supplies the simulators' purchase-order history (the demo
 * entry passes it in); elsewhere there is no purchase-order feed yet (vendor performance then
 * reports API figures only).
 */
export function createDemandServices(config: GatewayConfig, registry: VendorRegistry, store: StateStore, logger: Logger, options: DemandServicesOptions = {}): DemandServices {
  const now = options.now ?? Date.now;
  return {
    history: new DemandHistoryService({ registry, store, logger: logger.child({ component: 'demand' }), now, historyDays: (vendorId) => planningFor(config.vendors, vendorId).historyDays }),
    cache: new DerivedCache(),
    purchaseOrders: options.purchaseOrders ?? noPurchaseOrders,
    now,
  };
}
