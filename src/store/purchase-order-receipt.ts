import { PurchaseOrderStatus, type PurchaseOrderLine, type PurchaseOrderRecord, type ReceiptRequest, type ReserveReceiptRequest } from './purchase-order-record.ts';

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

/** Parses a receipt row's JSON units (`{ sku: units }`); null/absent is empty. */
export function unitsOf(json: string | null | undefined): Map<string, number> {
  return new Map(json ? Object.entries(JSON.parse(json) as Record<string, number>) : []);
}

/** Adds up other receipts' holds per SKU. */
export function sumHolds(holds: ReadonlyArray<string | null>): Map<string, number> {
  const total = new Map<string, number>();
  for (const hold of holds) for (const [sku, units] of unitsOf(hold)) total.set(sku, (total.get(sku) ?? 0) + units);
  return total;
}

/**
 * The over-receipt rule both engines apply inside their reserve transaction: a line may take what
 * is still open — ordered, minus what other receipts received (this receipt's own recorded units
 * are its retry) and what other receipts hold. Answers the first line over it, or null.
 */
export function overReceipt(order: PurchaseOrderRecord, ownRecorded: ReadonlyMap<string, number>, otherHolds: ReadonlyMap<string, number>, request: ReserveReceiptRequest): { sku: string; quantity: number; open: number } | null {
  if (request.force) return null;
  for (const line of request.lines) {
    const ordered = order.lines.find((candidate) => candidate.sku === line.sku);
    const open = ordered ? ordered.quantity - (ordered.received - (ownRecorded.get(line.sku) ?? 0)) - (otherHolds.get(line.sku) ?? 0) : 0;
    if (line.quantity > open) return { sku: line.sku, quantity: line.quantity, open: Math.max(open, 0) };
  }
  return null;
}
