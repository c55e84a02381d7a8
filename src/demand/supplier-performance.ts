import type { DemandRequestContext } from './demand-context.ts';
import { supplierFigures } from './vendor-performance.ts';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 365;

export type SupplierPerformance = ReturnType<typeof supplierFigures> & { readonly windowDays: number };

/** How a supplier delivers: the figures vendor performance gives, over the orders placed with this supplier. */
export async function supplierPerformance(ctx: DemandRequestContext, supplierId: string): Promise<SupplierPerformance> {
  const orders = await ctx.services.demand.placedOrders.supplierOrders(supplierId, ctx.services.demand.now() - WINDOW_DAYS * DAY_MS);
  return { windowDays: WINDOW_DAYS, ...supplierFigures(orders) };
}
