import { badUserInput } from '../errors/gateway-error.ts';
import { reorderPolicy, type ReorderPolicy } from '../forecast/index.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import { assertVendorVisible, stockBySku, type DemandRequestContext } from './demand-context.ts';
import { unitsSeries } from './demand-history.ts';
import { SEASON_PERIOD } from './forecast-service.ts';
import { planningFor, type PlanningConfig } from '../config/planning-config.ts';
import type { LeadTime } from './supplier-lead-time.ts';
import { censorStockouts } from './stockout-days.ts';
import { historyStockoutDays, stockoutKey } from './vendor-stockouts.ts';

export const QuantityBasis = { EOQ: 'EOQ', COVER_DAYS: 'COVER_DAYS' } as const;
export type QuantityBasis = (typeof QuantityBasis)[keyof typeof QuantityBasis];

export interface ReorderSuggestion {
  readonly sku: string;
  readonly vendorId: string;
  readonly product: StandardProduct | null;
  readonly available: number | null;
  readonly serviceLevel: number;
  readonly leadTimeDays: number;
  readonly leadTimeStdDays: number;
  /** Where the lead time came from and whose it is (the SKU's supplier, when one is configured). */
  readonly leadTime: LeadTime;
  readonly policy: ReorderPolicy;
  readonly needsReorder: boolean;
  readonly suggestedQuantity: number;
  readonly quantityBasis: QuantityBasis;
}

/**
 * Reorder suggestions for every SKU with demand history at a vendor: safety stock and reorder
 * point from the engine's reorderPolicy at the target cycle service level and the SKU's lead
 * time (its supplier's, measured once there are enough receipts: supplier-lead-time.ts), the SKU's available stock from the vendor, and an order quantity (EOQ when ordering and
 * holding costs are configured, else `coverDays` of forecast demand; at least what lifts the
 * stock back to the reorder point). Days the SKU was out of stock at the vendor are censored
 * (missing, not zero demand), as in its forecast. Most urgent first: SKUs at or below their reorder point, then
 * by days of cover.
 */
export async function reorderSuggestions(ctx: DemandRequestContext, vendorId: string, serviceLevel: number | null | undefined): Promise<ReorderSuggestion[]> {
  if (serviceLevel !== null && serviceLevel !== undefined && !(serviceLevel >= 0.5 && serviceLevel <= 0.999)) {
    throw badUserInput(`serviceLevel must be between 0.5 and 0.999, got ${String(serviceLevel)}`, 'serviceLevel');
  }
  assertVendorVisible(ctx, vendorId);
  const history = await ctx.services.demand.history.history(vendorId);
  if (!history) return [];
  const planning = planningFor(ctx.services.config.vendors, vendorId);
  const level = serviceLevel ?? planning.serviceLevel;
  const skus = [...history.skus.keys()].sort();
  const stock = await stockBySku(ctx, vendorId, skus);
  const leadTimes = await ctx.services.demand.leadTimes.forSkus(skus, planning);
  const outOfStock = await historyStockoutDays(ctx, history, skus);
  const suggestions = await Promise.all(
    skus.map(async (sku) => {
      const { product, available } = stock.get(sku) ?? { product: null, available: null };
      const unitCost = Number(product?.cost?.amount ?? product?.price.amount ?? Number.NaN);
      const lead = leadTimes.get(sku)!;
      const out = outOfStock.get(sku)!;
      const key = `reorder:${vendorId}:${sku}:${String(level)}:${String(available)}:${String(unitCost)}:${history.version}:${lead.leadTimeDays}:${lead.leadTimeStdDays}:${stockoutKey(out)}`;
      const policy = await ctx.services.demand.cache.get(key, () =>
        reorderPolicy({
          history: censorStockouts(unitsSeries(history, sku), out),
          leadTimeDays: lead.leadTimeDays,
          leadTimeStdDays: lead.leadTimeStdDays,
          serviceLevel: level,
          seasonPeriod: SEASON_PERIOD,
          ...(available === null ? {} : { currentStock: available }),
          ...costInputs(planning, unitCost),
          coverDays: planning.coverDays,
        }),
      );
      return suggestion(sku, vendorId, product, available, level, lead, policy);
    }),
  );
  return suggestions.sort(byUrgency);
}

function costInputs(planning: PlanningConfig, unitCost: number): { orderingCost?: number; holdingCostPerUnitYear?: number } {
  if (planning.orderingCost === undefined || planning.holdingCostRate === undefined || !(unitCost > 0)) return {};
  return { orderingCost: planning.orderingCost, holdingCostPerUnitYear: planning.holdingCostRate * unitCost };
}

function suggestion(sku: string, vendorId: string, product: StandardProduct | null, available: number | null, serviceLevel: number, lead: LeadTime, policy: ReorderPolicy): ReorderSuggestion {
  const basis = policy.eoq !== null ? QuantityBasis.EOQ : QuantityBasis.COVER_DAYS;
  const batch = policy.eoq ?? policy.coverDaysOrderQuantity ?? 0;
  const position = available ?? 0;
  const needsReorder = available !== null && position <= policy.reorderPoint;
  const suggestedQuantity = needsReorder ? Math.ceil(Math.max(batch, policy.reorderPoint - position)) : 0;
  return { sku, vendorId, product, available, serviceLevel, leadTimeDays: lead.leadTimeDays, leadTimeStdDays: lead.leadTimeStdDays, leadTime: lead, policy, needsReorder, suggestedQuantity, quantityBasis: basis };
}

function byUrgency(a: ReorderSuggestion, b: ReorderSuggestion): number {
  if (a.needsReorder !== b.needsReorder) return a.needsReorder ? -1 : 1;
  const coverA = a.policy.daysOfCover ?? Number.POSITIVE_INFINITY;
  const coverB = b.policy.daysOfCover ?? Number.POSITIVE_INFINITY;
  if (coverA !== coverB) return coverA - coverB;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}
