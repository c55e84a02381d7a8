import type { DeliveryStatus, PurchaseOrderDelivery, PurchaseOrderLine, PurchaseOrderRecord, PurchaseOrderStatus } from './purchase-order-record.ts';

/** A purchase_orders row as both engines return it (PostgreSQL's BIGINTs arrive as strings). */
export interface PurchaseOrderRow {
  sequence: number | string;
  id: string;
  supplier_id: string;
  status: PurchaseOrderStatus;
  lines: string;
  vendor_ids: string;
  created_at: number | string;
  submitted_at: number | string | null;
  expected_at: number | string | null;
  received_at: number | string | null;
  cancelled_at: number | string | null;
}

export interface DeliveryRow {
  attempt: number;
  status: DeliveryStatus;
  at: number | string;
  http_status: number | null;
  error: string | null;
}

export interface LeadTimeRow {
  order_id: string;
  supplier_id: string;
  sku: string;
  submitted_at: number | string;
  received_at: number | string;
}

const instant = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function orderOf(row: PurchaseOrderRow, deliveries: readonly PurchaseOrderDelivery[]): PurchaseOrderRecord {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    status: row.status,
    lines: JSON.parse(row.lines) as PurchaseOrderLine[],
    vendorIds: JSON.parse(row.vendor_ids) as string[],
    createdAt: Number(row.created_at),
    submittedAt: instant(row.submitted_at),
    expectedAt: instant(row.expected_at),
    receivedAt: instant(row.received_at),
    cancelledAt: instant(row.cancelled_at),
    deliveries,
    sequence: Number(row.sequence),
  };
}

export function deliveryOf(row: DeliveryRow): PurchaseOrderDelivery {
  return { attempt: row.attempt, status: row.status, at: Number(row.at), httpStatus: row.http_status, error: row.error };
}
