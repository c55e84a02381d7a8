import { PurchaseOrderStatus, type PurchaseOrderLine, type PurchaseOrderRecord, type ReceiptRequest } from './purchase-order-record.ts';

export interface ReceiptEffect {
  readonly lines: readonly PurchaseOrderLine[];
  readonly status: PurchaseOrderStatus;
  readonly receivedAt: number | null;
  /** Lines that got their first units now: each gives one lead-time sample. */
  readonly firstReceived: readonly string[];
  /** What this receipt has recorded after this call, by SKU. */
  readonly recorded: ReadonlyMap<string, number>;
}

/**
 * The one rule both engines apply inside their transaction: a receipt carries cumulative units
 * per SKU, so only the growth since it was last recorded is added (recording it twice adds
 * nothing). A cancelled order keeps its status; its received units still count (goods arrived).
 */
export function receiptEffect(order: PurchaseOrderRecord, previous: ReadonlyMap<string, number>, request: ReceiptRequest): ReceiptEffect {
  const recorded = new Map(previous);
  const growth = new Map<string, number>();
  for (const line of request.lines) {
    const before = recorded.get(line.sku) ?? 0;
    if (line.quantity > before) {
      growth.set(line.sku, line.quantity - before);
      recorded.set(line.sku, line.quantity);
    }
  }
  const firstReceived: string[] = [];
  const lines = order.lines.map((line) => {
    const added = growth.get(line.sku) ?? 0;
    if (added > 0 && line.received === 0) firstReceived.push(line.sku);
    return added > 0 ? { ...line, received: line.received + added } : line;
  });
  const complete = lines.every((line) => line.received >= line.quantity);
  const anyReceived = lines.some((line) => line.received > 0);
  let status = order.status;
  if (status !== PurchaseOrderStatus.CANCELLED) {
    status = complete ? PurchaseOrderStatus.RECEIVED : anyReceived ? PurchaseOrderStatus.PARTIALLY_RECEIVED : status;
  }
  const receivedAt = status === PurchaseOrderStatus.RECEIVED ? (order.receivedAt ?? request.now) : order.receivedAt;
  return { lines, status, receivedAt, firstReceived: order.submittedAt === null ? [] : firstReceived, recorded };
}
