/**
 * Purchase orders placed for a vendor's stock and what was received against them. None of the four
 * platforms' APIs carries replenishment orders, so the gateway places and keeps them itself
 * (src/purchasing, the state store: store-purchase-order-history.ts); demo mode adds the
 * simulators' generated history beside them.
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
