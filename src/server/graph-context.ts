import type { GatewayServices } from '../context/gateway-services.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { DemandServices } from '../demand/demand-services.ts';
import type { PurchasingService } from '../purchasing/purchasing-service.ts';
import type { RealtimeServices } from '../realtime/realtime-services.ts';
import type { InventoryService } from '../stock-changes/inventory-service.ts';
import type { SyncJobService } from '../sync/sync-job-service.ts';

/** Every long-lived part of a running gateway: the shared ones plus the services built on them. */
export interface GraphServices extends GatewayServices {
  /** Inventory mutations (exactly-once), sync, and the stock-change fan-out (`inventory.stockChanges`). */
  readonly inventory: InventoryService;
  /** Background inventory sync jobs (src/sync). */
  readonly syncJobs: SyncJobService;
  /** The inventory event bus, webhook intake and what publishes stock changes to subscribers; see src/realtime. */
  readonly realtime: RealtimeServices;
  /** Demand history, forecasts, reorder suggestions, vendor performance, analytics. */
  readonly demand: DemandServices;
  /** Purchase orders: drafts, submit and its webhook deliveries, receive, cancel (src/purchasing). */
  readonly purchasing: PurchasingService;
}

/** The context resolvers receive (codegen's contextType): a request context with every service. */
export interface GraphContext extends RequestContext {
  readonly services: GraphServices;
}
