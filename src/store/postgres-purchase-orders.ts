import type pg from 'pg';
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
 * The purchase-order part of the PostgreSQL store (postgres-state-store.ts runs each writing
 * function in one transaction). A batch takes a transaction-scoped advisory lock on its key, so
 * concurrent creates with one key serialise and the second replays the first; an order's
 * read-modify-writes lock its row (`SELECT … FOR UPDATE`).
 */
export async function createDrafts(client: pg.PoolClient, request: CreateDraftsRequest): Promise<CreateDraftsOutcome> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stockgraph-po-batch:${JSON.stringify([request.scope, request.key])}`]);
  const { rows } = await client.query<{ fingerprint: string; order_ids: string; payload: string }>(
    'SELECT fingerprint, order_ids, payload FROM purchase_order_batches WHERE scope = $1 AND key = $2',
    [request.scope, request.key],
  );
  const batch = rows[0];
  if (batch) {
    if (batch.fingerprint !== request.fingerprint) return { kind: 'conflict' };
    return { kind: 'replayed', orders: await ordersByIds(client, JSON.parse(batch.order_ids) as string[]), payload: batch.payload };
  }
  for (const order of request.orders) {
    await client.query(
      `INSERT INTO purchase_orders (id, supplier_id, status, lines, vendor_ids, created_at, updated_at) VALUES ($1, $2, '${PurchaseOrderStatus.DRAFT}', $3, $4, $5, $5)`,
      [order.id, order.supplierId, JSON.stringify(order.lines.map((line) => ({ ...line, received: 0 }))), JSON.stringify(order.vendorIds), request.now],
    );
  }
  const ids = request.orders.map((order) => order.id);
  await client.query('INSERT INTO purchase_order_batches (scope, key, fingerprint, order_ids, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    request.scope,
    request.key,
    request.fingerprint,
    JSON.stringify(ids),
    request.payload,
    request.now,
  ]);
  return { kind: 'created', orders: await ordersByIds(client, ids), payload: request.payload };
}

export async function getOrder(client: pg.PoolClient, id: string, lock = false): Promise<PurchaseOrderRecord | null> {
  const { rows } = await client.query<PurchaseOrderRow>(`SELECT * FROM purchase_orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? orderOf(rows[0], await deliveries(client, id)) : null;
}

export async function listOrders(client: pg.PoolClient, filter: PurchaseOrderFilter, page: PurchaseOrderPageRequest): Promise<PurchaseOrderPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.statuses) {
    if (filter.statuses.length === 0) return { orders: [], hasNextPage: false };
    params.push([...filter.statuses]);
    where.push(`status = ANY($${params.length}::text[])`);
  }
  if (filter.supplierId) {
    params.push(filter.supplierId);
    where.push(`supplier_id = $${params.length}`);
  }
  if (page.afterSequence !== null) {
    params.push(page.afterSequence);
    where.push(`sequence < $${params.length}`);
  }
  params.push(page.first + 1);
  const { rows } = await client.query<PurchaseOrderRow>(
    `SELECT * FROM purchase_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT $${params.length}`,
    params,
  );
  const orders = await Promise.all(rows.slice(0, page.first).map(async (row) => orderOf(row, await deliveries(client, row.id))));
  return { orders, hasNextPage: rows.length > page.first };
}

export async function transition(client: pg.PoolClient, request: TransitionRequest): Promise<TransitionOutcome> {
  const order = await getOrder(client, request.id, true);
  if (!order) return { kind: 'not-found' };
  if (!request.from.includes(order.status)) return { kind: 'refused', order };
  if (request.to === PurchaseOrderStatus.SUBMITTED) {
    await client.query('UPDATE purchase_orders SET status = $2, submitted_at = $3, expected_at = $4, updated_at = $3 WHERE id = $1', [request.id, request.to, request.now, request.expectedAt ?? null]);
  } else {
    await client.query('UPDATE purchase_orders SET status = $2, cancelled_at = $3, updated_at = $3 WHERE id = $1', [request.id, request.to, request.now]);
  }
  return { kind: 'changed', order: (await getOrder(client, request.id))! };
}

/** Runs in one transaction; `FOR UPDATE` on the order row serialises two instances' receipts of one order. */
export async function reserveReceipt(client: pg.PoolClient, request: ReserveReceiptRequest): Promise<ReserveReceiptOutcome> {
  const order = await getOrder(client, request.orderId, true);
  if (!order) return { kind: 'not-found' };
  const { rows } = await client.query<{ pending: string }>('SELECT pending FROM purchase_order_receipts WHERE order_id = $1 AND receipt_key <> $2 AND pending IS NOT NULL', [request.orderId, request.receiptKey]);
  const over = overReceipt(order, await receipt(client, request.orderId, request.receiptKey), sumHolds(rows.map((row) => row.pending)), request);
  if (over) return { kind: 'over-receipt', order, ...over };
  await client.query(
    `INSERT INTO purchase_order_receipts (order_id, receipt_key, location_id, lines, updated_at, pending) VALUES ($1, $2, $3, '{}', $4, $5)
     ON CONFLICT (order_id, receipt_key) DO UPDATE SET pending = EXCLUDED.pending, updated_at = EXCLUDED.updated_at`,
    [request.orderId, request.receiptKey, request.locationId, request.now, JSON.stringify(Object.fromEntries(request.lines.map((line) => [line.sku, line.quantity])))],
  );
  return { kind: 'reserved', order };
}

export async function recordReceipt(client: pg.PoolClient, request: ReceiptRequest): Promise<PurchaseOrderRecord | null> {
  const order = await getOrder(client, request.orderId, true);
  if (!order) return null;
  const effect = receiptEffect(order, await receipt(client, request.orderId, request.receiptKey), request);
  await client.query('UPDATE purchase_orders SET lines = $2, status = $3, received_at = $4, updated_at = $5 WHERE id = $1', [
    request.orderId,
    JSON.stringify(effect.lines),
    effect.status,
    effect.receivedAt,
    request.now,
  ]);
  await client.query(
    `INSERT INTO purchase_order_receipts (order_id, receipt_key, location_id, lines, updated_at, pending) VALUES ($1, $2, $3, $4, $5, NULL)
     ON CONFLICT (order_id, receipt_key) DO UPDATE SET lines = EXCLUDED.lines, updated_at = EXCLUDED.updated_at, pending = NULL`,
    [request.orderId, request.receiptKey, request.locationId, JSON.stringify(Object.fromEntries(effect.recorded)), request.now],
  );
  for (const sku of effect.firstReceived) {
    await client.query('INSERT INTO purchase_lead_times (order_id, sku, supplier_id, submitted_at, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      order.id,
      sku,
      order.supplierId,
      order.submittedAt,
      request.now,
    ]);
  }
  return getOrder(client, request.orderId);
}

export async function receipt(client: pg.PoolClient, orderId: string, receiptKey: string): Promise<ReadonlyMap<string, number>> {
  const { rows } = await client.query<{ lines: string }>('SELECT lines FROM purchase_order_receipts WHERE order_id = $1 AND receipt_key = $2', [orderId, receiptKey]);
  return new Map(rows[0] ? Object.entries(JSON.parse(rows[0].lines) as Record<string, number>) : []);
}

export async function appendDelivery(client: pg.PoolClient, orderId: string, delivery: Omit<PurchaseOrderDelivery, 'attempt'>): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stockgraph-po-delivery:${orderId}`]);
  const { rows } = await client.query<{ attempt: number }>(
    `INSERT INTO purchase_order_deliveries (order_id, attempt, status, at, http_status, error)
     SELECT $1, COALESCE(MAX(attempt), 0) + 1, $2, $3, $4, $5 FROM purchase_order_deliveries WHERE order_id = $1 RETURNING attempt`,
    [orderId, delivery.status, delivery.at, delivery.httpStatus, delivery.error],
  );
  return rows[0]!.attempt;
}

export async function leadTimes(client: pg.PoolClient, filter: { readonly supplierId?: string | null; readonly since: number }): Promise<LeadTimeSample[]> {
  const { rows } = filter.supplierId
    ? await client.query<LeadTimeRow>('SELECT * FROM purchase_lead_times WHERE supplier_id = $1 AND received_at >= $2 ORDER BY received_at', [filter.supplierId, filter.since])
    : await client.query<LeadTimeRow>('SELECT * FROM purchase_lead_times WHERE received_at >= $1 ORDER BY received_at', [filter.since]);
  return rows.map((row) => ({ orderId: row.order_id, supplierId: row.supplier_id, sku: row.sku, submittedAt: Number(row.submitted_at), receivedAt: Number(row.received_at) }));
}

async function ordersByIds(client: pg.PoolClient, ids: readonly string[]): Promise<PurchaseOrderRecord[]> {
  const orders = await Promise.all(ids.map((id) => getOrder(client, id)));
  return orders.filter((order): order is PurchaseOrderRecord => order !== null);
}

async function deliveries(client: pg.PoolClient, orderId: string): Promise<PurchaseOrderDelivery[]> {
  const { rows } = await client.query<DeliveryRow>('SELECT * FROM purchase_order_deliveries WHERE order_id = $1 ORDER BY attempt', [orderId]);
  return rows.map(deliveryOf);
}
