import { badUserInput } from '../errors/gateway-error.ts';
import { productsBySku, inventoryLevelsOf } from '../catalog/product-lookup.ts';
import { reorderPolicy } from '../forecast/index.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import { planningFor } from '../config/planning-config.ts';
import { daysBetween } from './calendar-day.ts';
import type { DemandRequestContext } from './demand-context.ts';
import type { VendorDemandHistory } from './demand-history.ts';
import { SEASON_PERIOD } from './forecast-service.ts';
import { seriesForecast, type SeriesForecastView } from './series-forecast.ts';
import { censorStockouts } from './stockout-days.ts';
import { stockoutKey, vendorStockoutDays } from './vendor-stockouts.ts';

/** Daily demand of one SKU summed over vendors, from the earliest vendor's first day to the latest's last. */
export interface SummedDemand {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly units: readonly number[];
  readonly vendorIds: readonly string[];
  /**
   * Per day: some vendor selling the SKU had no stock (stock-out journal), so the summed units
   * are censored demand, a lower bound: forecasts and the reorder suggestion treat them as missing.
   */
  readonly outOfStock: readonly boolean[];
}

/** `SkuSummary`: one SKU across every vendor the caller may see. */
export interface SkuSummaryView {
  readonly sku: string;
  readonly products: readonly StandardProduct[];
  readonly totalAvailable: number | null;
  /** Null when no vendor selling the SKU has an orders API. */
  readonly demand: SummedDemand | null;
}

export interface SkuReorderView {
  readonly available: number | null;
  readonly needsReorder: boolean;
  readonly suggestedQuantity: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly serviceLevel: number;
  readonly leadTimeDays: number;
  readonly daysOfCover: number | null;
  readonly method: string;
}

/**
 * Daily units of `sku` summed over vendor histories that may start and end on different days;
 * `outOfStock` holds each vendor's out-of-stock days over its own history.
 */
export function sumHistories(histories: readonly VendorDemandHistory[], sku: string, outOfStock: ReadonlyMap<string, readonly boolean[]> = new Map()): SummedDemand | null {
  if (histories.length === 0) return null;
  const firstDay = histories.map((h) => h.firstDay).sort()[0]!;
  const lastDay = histories.map((h) => h.lastDay).sort().at(-1)!;
  const length = daysBetween(firstDay, lastDay) + 1;
  const units = new Array<number>(length).fill(0);
  const out = new Array<boolean>(length).fill(false);
  for (const history of histories) {
    const series = history.skus.get(sku)?.units ?? [];
    const offset = daysBetween(firstDay, history.firstDay);
    series.forEach((value, index) => (units[offset + index]! += value));
    (outOfStock.get(history.vendorId) ?? []).forEach((censored, index) => (out[offset + index] ||= censored));
  }
  return { firstDay, lastDay, units, vendorIds: histories.map((h) => h.vendorId), outOfStock: out };
}

async function summedDemand(ctx: DemandRequestContext, sku: string, products: readonly StandardProduct[], vendorIds: readonly string[]): Promise<SummedDemand | null> {
  const histories = (await Promise.all(vendorIds.map((id) => ctx.services.demand.history.history(id)))).filter((h) => h !== null);
  const outOfStock = new Map(
    await Promise.all(histories.map(async (h) => [h.vendorId, await vendorStockoutDays(ctx, h.vendorId, products, h.firstDay, daysBetween(h.firstDay, h.lastDay) + 1)] as const)),
  );
  return sumHistories(histories, sku, outOfStock);
}

/** The summed units with out-of-stock days missing: what forecasts and reorder policies read. */
const censoredDemand = (demand: SummedDemand): (number | null)[] => censorStockouts(demand.units, demand.outOfStock);

/**
 * The SKU at every visible vendor: products, stock summed over vendors and locations, daily
 * demand summed over the vendors with an orders API (days a vendor had no stock marked, see
 * SummedDemand.outOfStock). Null when no visible vendor sells it.
 * A vendor that fails becomes a partial error and is left out of the sums.
 */
export async function skuSummary(ctx: DemandRequestContext, code: string): Promise<SkuSummaryView | null> {
  const sku = code.trim();
  if (sku === '') throw badUserInput('code must not be empty', 'code');
  const products = await productsBySku(ctx, [sku], { path: ['sku'] });
  if (products.length === 0) return null;
  const tracked = products.filter((p) => p.inventoryTracked);
  const levels = await Promise.all(tracked.map((p) => inventoryLevelsOf(ctx, p)));
  const totalAvailable = tracked.length > 0 ? levels.flat().reduce((sum, level) => sum + level.available, 0) : null;
  const vendorIds = [...new Set(products.map((p) => p.vendorId))].sort();
  return { sku, products, totalAvailable, demand: await summedDemand(ctx, sku, products, vendorIds) };
}

export const last30Days = (summary: SkuSummaryView): number => (summary.demand?.units.slice(-30) ?? []).reduce((a, b) => a + b, 0);

export function skuForecast(ctx: DemandRequestContext, summary: SkuSummaryView, horizonDays: number): Promise<SeriesForecastView | null> {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 365) throw badUserInput(`horizonDays must be an integer from 1 to 365, got ${String(horizonDays)}`, 'horizonDays');
  const demand = summary.demand;
  if (!demand) return Promise.resolve(null);
  const key = `sku-forecast:${summary.sku}:${demand.vendorIds.join(',')}:${demand.lastDay}:${String(horizonDays)}:${stockoutKey(demand.outOfStock)}`;
  return ctx.services.demand.cache.get(key, () => seriesForecast({ values: censoredDemand(demand), lastDay: demand.lastDay, horizonDays, seasonPeriod: SEASON_PERIOD }));
}

/**
 * One suggestion for the summed stock and demand, planned with the SKU's supplier lead time
 * (measured, else configured) as the vendors' own suggestions are; a SKU without a supplier is
 * planned with the longest of the vendors' planning lead times. The service level is the highest
 * among the vendors (ordering once must cover the most demanding channel).
 */
export async function skuReorder(ctx: DemandRequestContext, summary: SkuSummaryView): Promise<SkuReorderView | null> {
  const demand = summary.demand;
  if (!demand) return null;
  const plans = demand.vendorIds.map((id) => planningFor(ctx.services.config.vendors, id));
  const slowest = plans.reduce((a, b) => (b.leadTimeDays > a.leadTimeDays ? b : a));
  const lead = (await ctx.services.demand.leadTimes.forSkus([summary.sku], { ...slowest, leadTimeStdDays: Math.max(...plans.map((p) => p.leadTimeStdDays)) })).get(summary.sku)!;
  const { leadTimeDays, leadTimeStdDays } = lead;
  const serviceLevel = Math.max(...plans.map((p) => p.serviceLevel));
  const available = summary.totalAvailable;
  const policy = reorderPolicy({
    history: censoredDemand(demand),
    leadTimeDays,
    leadTimeStdDays,
    serviceLevel,
    seasonPeriod: SEASON_PERIOD,
    ...(available === null ? {} : { currentStock: available }),
    coverDays: Math.max(...plans.map((p) => p.coverDays)),
  });
  const needsReorder = available !== null && available <= policy.reorderPoint;
  const batch = policy.coverDaysOrderQuantity ?? 0;
  return {
    available,
    needsReorder,
    suggestedQuantity: needsReorder ? Math.ceil(Math.max(batch, policy.reorderPoint - available)) : 0,
    safetyStock: policy.safetyStock,
    reorderPoint: policy.reorderPoint,
    serviceLevel,
    leadTimeDays,
    daysOfCover: policy.daysOfCover,
    method: policy.method,
  };
}

