import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { StateStore } from '../store/state-store.ts';
import { StockoutJournal } from '../store/stockout-journal.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { DemandHistoryService } from './demand-history.ts';
import { DerivedCache } from './derived-cache.ts';
import { planningFor } from '../config/planning-config.ts';
import type { PurchaseOrderHistory } from './purchase-order-history.ts';
import { combinedHistory, StorePurchaseOrderHistory } from './store-purchase-order-history.ts';
import { SupplierDirectory } from './supplier-directory.ts';
import { SupplierLeadTimes } from './supplier-lead-time.ts';

/** The long-lived parts of demand planning (GraphServices.demand, server/graph-context.ts). */
export interface DemandServices {
  readonly history: DemandHistoryService;
  readonly cache: DerivedCache;
  /** Purchase orders as vendor performance reads them: the ones placed through the gateway (plus demo history). */
  readonly purchaseOrders: PurchaseOrderHistory;
  /** The orders placed through the gateway, also by supplier (supplier performance). */
  readonly placedOrders: StorePurchaseOrderHistory;
  /** Configured suppliers (whom SKUs are bought from), matched by SKU pattern. */
  readonly suppliers: SupplierDirectory;
  /** Each SKU's lead time: measured from receipts once there are enough, else configured. */
  readonly leadTimes: SupplierLeadTimes;
  /** When SKUs were out of stock at each location (their demand those days is censored). */
  readonly stockouts: StockoutJournal;
  /** Epoch-ms clock of every demand figure. */
  now(): number;
}

export interface DemandServicesOptions {
  readonly now?: () => number;
  /** Demo mode: the simulators' generated purchase-order history, shown beside the orders really placed. */
  readonly purchaseOrders?: PurchaseOrderHistory;
}

/**
 * Built once at start-up. Purchase orders come from the state store (src/purchasing places
 * them); demo mode adds the simulators' generated history (the demo entry passes it in).
 */
export function createDemandServices(config: GatewayConfig, registry: VendorRegistry, store: StateStore, logger: Logger, options: DemandServicesOptions = {}): DemandServices {
  const now = options.now ?? Date.now;
  const suppliers = new SupplierDirectory(config.suppliers);
  const placedOrders = new StorePurchaseOrderHistory(store);
  return {
    history: new DemandHistoryService({ registry, store, logger: logger.child({ component: 'demand' }), now, historyDays: (vendorId) => planningFor(config.vendors, vendorId).historyDays }),
    cache: new DerivedCache(),
    purchaseOrders: options.purchaseOrders ? combinedHistory(options.purchaseOrders, placedOrders) : placedOrders,
    placedOrders,
    suppliers,
    leadTimes: new SupplierLeadTimes({ store, directory: suppliers, minSamples: config.purchasing.minLeadTimeSamples, now }),
    stockouts: new StockoutJournal(store, now),
    now,
  };
}
