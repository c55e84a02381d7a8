/**
 * Purchase orders placed with a vendor and what was received against them. None of the four
 * platforms' APIs carries replenishment orders (they live in an ERP or a purchasing app), so this
 * is its own seam: demo mode feeds it from the simulators' generated history; a deployment plugs
 * in its purchasing system here (not built yet: without one, performance has no PO figures).
 */
export interface PurchaseOrderRecord {
  readonly id: string;
  /** Epoch ms the order was placed. */
  readonly orderedAt: number;
  /** Epoch ms the vendor promised delivery. */
  readonly expectedAt: number;
  /** Epoch ms the goods were received; null while open. */
  readonly receivedAt: number | null;
  readonly orderedUnits: number;
  readonly receivedUnits: number;
}

export interface PurchaseOrderHistory {
  /** Purchase orders with the vendor placed at or after `since` (epoch ms). */
  purchaseOrders(vendorId: string, since: number): Promise<readonly PurchaseOrderRecord[]>;
}

export const noPurchaseOrders: PurchaseOrderHistory = { purchaseOrders: async () => [] };
