import type Database from 'better-sqlite3';
import { overReceipt, receiptEffect, sumHolds } from './purchase-order-receipt.ts';
import {
  PurchaseOrderStatus,
  type CreateDraftsOutcome,
  type CreateDraftsRequest,
  type LeadTimeSample,
  type PurchaseOrderDelivery,
  type PurchaseOrderFilter,
  type PurchaseOrderPage,
  type PurchaseOrderPageRequest,
  type PurchaseOrderRecord,
  type ReceiptRequest,
  type ReserveReceiptOutcome,
  type ReserveReceiptRequest,
  type TransitionOutcome,
  type TransitionRequest,
} from './purchase-order-record.ts';
import { deliveryOf, orderOf, type DeliveryRow, type LeadTimeRow, type PurchaseOrderRow } from './purchase-order-rows.ts';

/**
 * The purchase-order part of the SQLite store (sqlite-state-store.ts delegates here). Each
 * read-modify-write is one `BEGIN IMMEDIATE` transaction: two processes sharing the file see one
 * winner per batch key, a receipt's lines are added once, and two receipts' holds on one order
 * are checked against each other (reserveReceipt).
 */
export class SqlitePurchaseOrders {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  createDrafts(request: CreateDraftsRequest): CreateDraftsOutcome {
    return this.db
      .transaction((): CreateDraftsOutcome => {
        const batch = this.db.prepare('SELECT fingerprint, order_ids, payload FROM purchase_order_batches WHERE scope = ? AND key = ?').get(request.scope, request.key) as
          | { fingerprint: string; order_ids: string; payload: string }
          | undefined;
        if (batch) {
          if (batch.fingerprint !== request.fingerprint) return { kind: 'conflict' };
          return { kind: 'replayed', orders: this.orders(JSON.parse(batch.order_ids) as string[]), payload: batch.payload };
        }
        const insert = this.db.prepare(
          `INSERT INTO purchase_orders (id, supplier_id, status, lines, vendor_ids, created_at, updated_at)
           VALUES (@id, @supplierId, '${PurchaseOrderStatus.DRAFT}', @lines, @vendorIds, @now, @now)`,
        );
        for (const order of request.orders) {
          insert.run({ id: order.id, supplierId: order.supplierId, lines: JSON.stringify(order.lines.map((line) => ({ ...line, received: 0 }))), vendorIds: JSON.stringify(order.vendorIds), now: request.now });
        }
        const ids = request.orders.map((order) => order.id);
        this.db
          .prepare('INSERT INTO purchase_order_batches (scope, key, fingerprint, order_ids, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(request.scope, request.key, request.fingerprint, JSON.stringify(ids), request.payload, request.now);
        return { kind: 'created', orders: this.orders(ids), payload: request.payload };
      })
      .immediate();
  }

  get(id: string): PurchaseOrderRecord | null {
    const row = this.db.prepare('SELECT * FROM purchase_orders WHERE id = ?').get(id) as PurchaseOrderRow | undefined;
    return row ? orderOf(row, this.deliveries(id)) : null;
  }

  list(filter: PurchaseOrderFilter, page: PurchaseOrderPageRequest): PurchaseOrderPage {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: page.first + 1 };
    if (filter.statuses) {
      if (filter.statuses.length === 0) return { orders: [], hasNextPage: false };
      where.push(`status IN (${filter.statuses.map((_, index) => `@status${index}`).join(', ')})`);
      filter.statuses.forEach((status, index) => (params[`status${index}`] = status));
    }
    if (filter.supplierId) {
      where.push('supplier_id = @supplierId');
      params.supplierId = filter.supplierId;
    }
    if (page.afterSequence !== null) {
      where.push('sequence < @afterSequence');
      params.afterSequence = page.afterSequence;
    }
    const rows = this.db.prepare(`SELECT * FROM purchase_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT @limit`).all(params) as PurchaseOrderRow[];
    return { orders: rows.slice(0, page.first).map((row) => orderOf(row, this.deliveries(row.id))), hasNextPage: rows.length > page.first };
  }

  transition(request: TransitionRequest): TransitionOutcome {
    return this.db
      .transaction((): TransitionOutcome => {
        const order = this.get(request.id);
        if (!order) return { kind: 'not-found' };
        if (!request.from.includes(order.status)) return { kind: 'refused', order };
        const submitted = request.to === PurchaseOrderStatus.SUBMITTED;
        this.db
          .prepare(
            `UPDATE purchase_orders SET status = @to, updated_at = @now,
               submitted_at = CASE WHEN @submitted = 1 THEN @now ELSE submitted_at END,
               expected_at = CASE WHEN @submitted = 1 THEN @expectedAt ELSE expected_at END,
               cancelled_at = CASE WHEN @submitted = 1 THEN cancelled_at ELSE @now END
             WHERE id = @id`,
          )
          .run({ id: request.id, to: request.to, now: request.now, submitted: submitted ? 1 : 0, expectedAt: request.expectedAt ?? null });
        return { kind: 'changed', order: this.get(request.id)! };
      })
      .immediate();
  }

  reserveReceipt(request: ReserveReceiptRequest): ReserveReceiptOutcome {
    return this.db
      .transaction((): ReserveReceiptOutcome => {
        const order = this.get(request.orderId);
        if (!order) return { kind: 'not-found' };
        const others = this.db.prepare('SELECT pending FROM purchase_order_receipts WHERE order_id = ? AND receipt_key <> ? AND pending IS NOT NULL').all(request.orderId, request.receiptKey) as Array<{ pending: string }>;
        const over = overReceipt(order, this.receipt(request.orderId, request.receiptKey), sumHolds(others.map((row) => row.pending)), request);
        if (over) return { kind: 'over-receipt', order, ...over };
        this.db
          .prepare(
            `INSERT INTO purchase_order_receipts (order_id, receipt_key, location_id, lines, updated_at, pending) VALUES (?, ?, ?, '{}', ?, ?)
             ON CONFLICT (order_id, receipt_key) DO UPDATE SET pending = excluded.pending, updated_at = excluded.updated_at`,
          )
          .run(request.orderId, request.receiptKey, request.locationId, request.now, JSON.stringify(Object.fromEntries(request.lines.map((line) => [line.sku, line.quantity]))));
        return { kind: 'reserved', order };
      })
      .immediate();
  }

  recordReceipt(request: ReceiptRequest): PurchaseOrderRecord | null {
    return this.db
      .transaction((): PurchaseOrderRecord | null => {
        const order = this.get(request.orderId);
        if (!order) return null;
        const effect = receiptEffect(order, this.receipt(request.orderId, request.receiptKey), request);
        this.db
          .prepare('UPDATE purchase_orders SET lines = ?, status = ?, received_at = ?, updated_at = ? WHERE id = ?')
          .run(JSON.stringify(effect.lines), effect.status, effect.receivedAt, request.now, request.orderId);
        this.db
          .prepare(
            `INSERT INTO purchase_order_receipts (order_id, receipt_key, location_id, lines, updated_at, pending) VALUES (?, ?, ?, ?, ?, NULL)
             ON CONFLICT (order_id, receipt_key) DO UPDATE SET lines = excluded.lines, updated_at = excluded.updated_at, pending = NULL`,
          )
          .run(request.orderId, request.receiptKey, request.locationId, JSON.stringify(Object.fromEntries(effect.recorded)), request.now);
        const sample = this.db.prepare(
          'INSERT INTO purchase_lead_times (order_id, sku, supplier_id, submitted_at, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        );
        for (const sku of effect.firstReceived) sample.run(order.id, sku, order.supplierId, order.submittedAt, request.now);
        return this.get(request.orderId);
      })
      .immediate();
  }

  receipt(orderId: string, receiptKey: string): ReadonlyMap<string, number> {
    const row = this.db.prepare('SELECT lines FROM purchase_order_receipts WHERE order_id = ? AND receipt_key = ?').get(orderId, receiptKey) as { lines: string } | undefined;
    return new Map(row ? Object.entries(JSON.parse(row.lines) as Record<string, number>) : []);
  }

  appendDelivery(orderId: string, delivery: Omit<PurchaseOrderDelivery, 'attempt'>): number {
    return this.db
      .transaction((): number => {
        const { next } = this.db.prepare('SELECT COALESCE(MAX(attempt), 0) + 1 AS next FROM purchase_order_deliveries WHERE order_id = ?').get(orderId) as { next: number };
        this.db
          .prepare('INSERT INTO purchase_order_deliveries (order_id, attempt, status, at, http_status, error) VALUES (?, ?, ?, ?, ?, ?)')
          .run(orderId, next, delivery.status, delivery.at, delivery.httpStatus, delivery.error);
        return next;
      })
      .immediate();
  }

  leadTimes(filter: { readonly supplierId?: string | null; readonly since: number }): LeadTimeSample[] {
    const rows = (
      filter.supplierId
        ? this.db.prepare('SELECT * FROM purchase_lead_times WHERE supplier_id = ? AND received_at >= ? ORDER BY received_at').all(filter.supplierId, filter.since)
        : this.db.prepare('SELECT * FROM purchase_lead_times WHERE received_at >= ? ORDER BY received_at').all(filter.since)
    ) as LeadTimeRow[];
    return rows.map((row) => ({ orderId: row.order_id, supplierId: row.supplier_id, sku: row.sku, submittedAt: Number(row.submitted_at), receivedAt: Number(row.received_at) }));
  }

  private orders(ids: readonly string[]): PurchaseOrderRecord[] {
    return ids.map((id) => this.get(id)).filter((order): order is PurchaseOrderRecord => order !== null);
  }

  private deliveries(orderId: string): PurchaseOrderDelivery[] {
    return (this.db.prepare('SELECT * FROM purchase_order_deliveries WHERE order_id = ? ORDER BY attempt').all(orderId) as DeliveryRow[]).map(deliveryOf);
  }
}
