import type { DemandRequestContext } from '../demand/demand-context.ts';
import type { InventoryService } from '../stock-changes/inventory-service.ts';

/** A request context whose services include demand planning and the stock write path (the server's GraphContext is one). */
export interface PurchasingRequestContext extends DemandRequestContext {
  readonly services: DemandRequestContext['services'] & { readonly inventory: InventoryService };
}
