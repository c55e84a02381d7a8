import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { PurchaseOrderRecord } from '../store/purchase-order-record.ts';
import type { SupplierConfig } from '../config/purchasing-config.ts';

export const SIGNATURE_HEADER = 'x-stockgraph-signature';
export const DELIVERY_HEADER = 'x-stockgraph-delivery';
export const EVENT_HEADER = 'x-stockgraph-event';
export const SUBMITTED_EVENT = 'purchase_order.submitted';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what a receiver recomputes with the shared secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The JSON an ERP receives: the order as the schema shows it (times as ISO 8601, money as decimal strings). */
export function submittedOrderBody(order: PurchaseOrderRecord, supplier: SupplierConfig | null): string {
  const instant = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return JSON.stringify({
    event: SUBMITTED_EVENT,
    purchaseOrder: {
      id: order.id,
      supplier: { id: order.supplierId, name: supplier?.name ?? order.supplierId },
      status: order.status,
      lines: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitCost: line.unitCost })),
      createdAt: instant(order.createdAt),
      submittedAt: instant(order.submittedAt),
      expectedAt: instant(order.expectedAt),
    },
  });
}

export type AttemptResult =
  | { readonly kind: 'delivered'; readonly httpStatus: number }
  /** Worth retrying: unreachable, timed out, 408, 429 or 5xx. */
  | { readonly kind: 'failed'; readonly httpStatus: number | null; readonly error: string }
  /** The endpoint refused the order (another 4xx): retrying would not help. */
  | { readonly kind: 'rejected'; readonly httpStatus: number; readonly error: string };

/** One signed POST. The error text names the status or the socket error code, never the URL or a body. */
export async function postSigned(url: string, secret: string, orderId: string, body: string, signal: AbortSignal): Promise<AttemptResult> {
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      signal,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signature(secret, body),
        [EVENT_HEADER]: SUBMITTED_EVENT,
        // The same on every retry of one order, so the receiver can drop duplicates.
        [DELIVERY_HEADER]: orderId,
      },
    });
    await response.body.dump();
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { kind: 'delivered', httpStatus: status };
    if (status === 408 || status === 429 || status >= 500) return { kind: 'failed', httpStatus: status, error: `HTTP ${status}` };
    return { kind: 'rejected', httpStatus: status, error: `HTTP ${status}` };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const name = signal.aborted ? 'timeout' : typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
    return { kind: 'failed', httpStatus: null, error: name };
  }
}
