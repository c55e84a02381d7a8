import { badUserInput } from '../errors/gateway-error.ts';
import { forecastSeries, reorderPolicy } from '../forecast/index.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import { addDays } from './calendar-day.ts';
import { assertVendorVisible, stockBySku, type DemandRequestContext } from './demand-context.ts';
import { unitsSeries, type VendorDemandHistory } from './demand-history.ts';
import { planningFor } from '../config/planning-config.ts';
import type { LeadTime } from './supplier-lead-time.ts';
import { censorStockouts } from './stockout-days.ts';
import { skuStockoutDays, stockoutKey } from './vendor-stockouts.ts';

/** Weekly cycle of daily retail demand. */
export const SEASON_PERIOD = 7;
/** The prediction interval of forecast points: the 10% and 90% quantiles. */
export const INTERVAL_LEVEL = 0.8;
const LOWER = 0.1;
const UPPER = 0.9;

export interface ForecastView {
  readonly sku: string;
  readonly vendorId: string;
  readonly method: string;
  readonly horizonDays: number;
  readonly points: ReadonlyArray<{ date: string; mean: number; lower: number; upper: number }>;
  readonly intervalLevel: number;
  readonly backtest: { mase: number | null; windows: number };
  readonly safetyStock: number | null;
  readonly reorderPoint: number | null;
  readonly leadTimeDays: number | null;
  readonly generatedAt: string;
  /** The last day of history the forecast starts after. */
  readonly historyEnd: string;
}

const MAX_HORIZON = 365;

/**
 * Forecast of one SKU's daily demand at one vendor: the engine picks the method by backtest on
 * the vendor's order history; points carry the 80% interval; safety stock and reorder point come
 * from the engine's reorder policy at the vendor's service level and the SKU's supplier lead time
 * (measured, else configured, else the vendor's planning one: the same as its reorder suggestion).
 * Days the SKU had no stock at the vendor (the stock-out journal) are missing values, not zeros.
 */
export async function forecastFor(ctx: DemandRequestContext, vendorId: string, sku: string, horizonDays: number): Promise<ForecastView | null> {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > MAX_HORIZON) {
    throw badUserInput(`horizonDays must be an integer from 1 to ${String(MAX_HORIZON)}, got ${String(horizonDays)}`, 'horizonDays');
  }
  assertVendorVisible(ctx, vendorId);
  const history = await ctx.services.demand.history.history(vendorId);
  if (!history) return null;
  if (!history.skus.has(sku)) {
    const stock = await stockBySku(ctx, vendorId, [sku]);
    if (!stock.get(sku)?.product) return null;
  }
  // The SKU's supplier lead time (measured, else configured, else the vendor's planning one), as reorder suggestions use.
  const lead = (await ctx.services.demand.leadTimes.forSkus([sku], planningFor(ctx.services.config.vendors, vendorId))).get(sku)!;
  // Days the SKU had no stock at this vendor: censored demand, missing values to the engine.
  const units = unitsSeries(history, sku);
  const outOfStock = await skuStockoutDays(ctx, vendorId, sku, history.firstDay, units.length);
  const key = `forecast:${vendorId}:${sku}:${String(horizonDays)}:${history.version}:${lead.leadTimeDays}:${lead.leadTimeStdDays}:${stockoutKey(outOfStock)}`;
  return ctx.services.demand.cache.get(key, () => compute(ctx, history, sku, censorStockouts(units, outOfStock), horizonDays, lead));
}

/** `StandardizedProduct.forecast`: the product's own SKU at its own vendor (null without a SKU). */
export function productForecast(ctx: DemandRequestContext, product: StandardProduct, horizonDays: number): Promise<ForecastView | null> {
  return product.sku ? forecastFor(ctx, product.vendorId, product.sku, horizonDays) : Promise.resolve(null);
}

function compute(ctx: DemandRequestContext, history: VendorDemandHistory, sku: string, series: readonly (number | null)[], horizonDays: number, lead: LeadTime): ForecastView {
  const planning = planningFor(ctx.services.config.vendors, history.vendorId);
  const result = forecastSeries(series, { horizon: horizonDays, seasonPeriod: SEASON_PERIOD, quantiles: [LOWER, UPPER] });
  const policy = reorderPolicy({ history: series, leadTimeDays: lead.leadTimeDays, leadTimeStdDays: lead.leadTimeStdDays, serviceLevel: planning.serviceLevel, seasonPeriod: SEASON_PERIOD });
  const lower = result.quantiles[String(LOWER)] ?? [];
  const upper = result.quantiles[String(UPPER)] ?? [];
  return {
    sku,
    vendorId: history.vendorId,
    method: result.method,
    horizonDays,
    points: result.mean.map((mean, index) => ({
      date: addDays(history.lastDay, index + 1),
      mean,
      // Quantiles of sparse integer demand are whole numbers: the mean may lie outside them.
      lower: lower[index] ?? mean,
      upper: upper[index] ?? mean,
    })),
    intervalLevel: INTERVAL_LEVEL,
    backtest: { mase: result.backtest.mase, windows: result.backtest.windows },
    safetyStock: policy.safetyStock,
    reorderPoint: policy.reorderPoint,
    leadTimeDays: lead.leadTimeDays,
    generatedAt: new Date(ctx.services.demand.now()).toISOString(),
    historyEnd: history.lastDay,
  };
}
