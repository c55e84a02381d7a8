import type { DemandRequestContext } from './demand-context.ts';
import type { VendorHealthSnapshot } from '../resilience/vendor-health-snapshot.ts';
import type { PurchaseOrderRecord } from './purchase-order-history.ts';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 365;

export interface VendorPerformance {
  readonly vendorId: string;
  readonly windowDays: number;
  readonly purchaseOrders: number;
  readonly receivedOrders: number;
  readonly leadTimeMeanDays: number | null;
  readonly leadTimeP90Days: number | null;
  readonly fillRate: number | null;
  readonly onTimeRate: number | null;
  readonly api: VendorHealthSnapshot;
}

/**
 * How a vendor performs as a supplier over the last year of purchase orders (lead time mean and
 * 90th percentile, fill rate = units received / units ordered on received orders, on-time rate =
 * received orders that arrived by their promised date) and as an API (the live health snapshot:
 * error rate, latency p95).
 */
export async function vendorPerformance(ctx: DemandRequestContext, vendorId: string): Promise<VendorPerformance> {
  const now = ctx.services.demand.now();
  const orders = await ctx.services.demand.purchaseOrders.purchaseOrders(vendorId, now - WINDOW_DAYS * DAY_MS);
  return { vendorId, windowDays: WINDOW_DAYS, ...supplierFigures(orders), api: ctx.services.health.snapshot(vendorId) };
}

export function supplierFigures(orders: readonly PurchaseOrderRecord[]) {
  const received = orders.filter((order) => order.receivedAt !== null);
  const leadTimes = received.map((order) => ((order.receivedAt as number) - order.orderedAt) / DAY_MS).sort((a, b) => a - b);
  const ordered = received.reduce((sum, order) => sum + order.orderedUnits, 0);
  const delivered = received.reduce((sum, order) => sum + order.receivedUnits, 0);
  return {
    purchaseOrders: orders.length,
    receivedOrders: received.length,
    leadTimeMeanDays: leadTimes.length > 0 ? leadTimes.reduce((a, b) => a + b, 0) / leadTimes.length : null,
    leadTimeP90Days: leadTimes.length > 0 ? (leadTimes[Math.min(leadTimes.length - 1, Math.ceil(0.9 * leadTimes.length) - 1)] ?? null) : null,
    fillRate: ordered > 0 ? delivered / ordered : null,
    onTimeRate: received.length > 0 ? received.filter((order) => (order.receivedAt as number) <= order.expectedAt).length / received.length : null,
  };
}
