import { PurchaseOrderStatus, type PurchaseOrderRecord, type PurchaseOrderStore } from '../store/purchase-order-record.ts';
import type { PurchaseOrderHistory, PurchaseOrderRecord as HistoryRecord } from './purchase-order-history.ts';

const PAGE = 500;
const PLACED = [PurchaseOrderStatus.SUBMITTED, PurchaseOrderStatus.PARTIALLY_RECEIVED, PurchaseOrderStatus.RECEIVED];

/**
 * The purchase orders the gateway itself placed (src/purchasing, kept in the state store), as the
 * history vendor and supplier performance read: submitted orders only (drafts and cancelled ones
 * were never placed), dated by submission.
 */
export class StorePurchaseOrderHistory implements PurchaseOrderHistory {
  private readonly store: PurchaseOrderStore;

  constructor(store: PurchaseOrderStore) {
    this.store = store;
  }

  async purchaseOrders(vendorId: string, since: number): Promise<readonly HistoryRecord[]> {
    return (await this.placed({ since })).filter((order) => order.vendorIds.includes(vendorId)).map(historyRecord);
  }

  async supplierOrders(supplierId: string, since: number): Promise<readonly HistoryRecord[]> {
    return (await this.placed({ since, supplierId })).map(historyRecord);
  }

  private async placed(filter: { since: number; supplierId?: string }): Promise<PurchaseOrderRecord[]> {
    const found: PurchaseOrderRecord[] = [];
    let after: number | null = null;
    for (;;) {
      const page = await this.store.listPurchaseOrders({ statuses: PLACED, supplierId: filter.supplierId ?? null }, { first: PAGE, afterSequence: after });
      found.push(...page.orders.filter((order) => (order.submittedAt ?? 0) >= filter.since));
      // Newest first: once a page ends before `since`, older pages can only be older still.
      const last = page.orders.at(-1);
      if (!page.hasNextPage || !last || last.createdAt < filter.since) return found;
      after = last.sequence;
    }
  }
}

function historyRecord(order: PurchaseOrderRecord): HistoryRecord {
  const submittedAt = order.submittedAt ?? order.createdAt;
  return {
    id: order.id,
    orderedAt: submittedAt,
    expectedAt: order.expectedAt ?? submittedAt,
    receivedAt: order.status === PurchaseOrderStatus.RECEIVED ? order.receivedAt : null,
    orderedUnits: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    receivedUnits: order.lines.reduce((sum, line) => sum + line.received, 0),
  };
}

/** Demo mode: the simulators' generated history and the orders really placed, side by side. */
export function combinedHistory(first: PurchaseOrderHistory, second: PurchaseOrderHistory): PurchaseOrderHistory {
  return {
    purchaseOrders: async (vendorId, since) => [...(await first.purchaseOrders(vendorId, since)), ...(await second.purchaseOrders(vendorId, since))],
  };
}
