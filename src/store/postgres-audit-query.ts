import type { AuditEntry, AuditFilter, AuditPageRequest } from './state-store.ts';

export interface AuditRow {
  sequence: string;
  at: string;
  caller_id: string;
  request_id: string;
  vendor_id: string;
  product_id: string;
  location_id: string;
  mode: AuditEntry['mode'];
  before_quantity: number | null;
  after_quantity: number | null;
  delta: number | null;
  reason: string;
  idempotency_key: string;
}

/** The audit page's SQL, newest first; null when the filter matches nothing (an empty vendor list). */
export function auditQuery(filter: AuditFilter, page: AuditPageRequest): { text: string; values: unknown[] } | null {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  if (filter.vendorIds) {
    if (filter.vendorIds.length === 0) return null;
    add((p) => `vendor_id = ANY(${p}::text[])`, [...filter.vendorIds]);
  }
  if (filter.productId != null) add((p) => `product_id = ${p}`, filter.productId);
  if (filter.idempotencyKey != null) add((p) => `idempotency_key = ${p}`, filter.idempotencyKey);
  if (filter.since != null) add((p) => `at >= ${p}`, filter.since);
  if (filter.until != null) add((p) => `at < ${p}`, filter.until);
  if (page.afterSequence != null) add((p) => `sequence < ${p}`, page.afterSequence);
  values.push(page.first + 1);
  return {
    text: `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT $${values.length}`,
    values,
  };
}

export function auditEntryOfRow(row: AuditRow): AuditEntry {
  return {
    sequence: Number(row.sequence),
    at: Number(row.at),
    callerId: row.caller_id,
    requestId: row.request_id,
    vendorId: row.vendor_id,
    productId: row.product_id,
    locationId: row.location_id,
    mode: row.mode,
    before: row.before_quantity,
    after: row.after_quantity,
    delta: row.delta,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
  };
}
