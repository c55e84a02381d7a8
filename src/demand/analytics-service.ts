import { badUserInput } from '../errors/gateway-error.ts';
import { abcClassify, classifyDemand, daysOfCover, forecastSeries, leadTimeDemand, type AbcClass, type DemandClass } from '../forecast/index.ts';
import type { Money, StandardProduct } from '../model/standard-model.ts';
import { assertVendorVisible, stockBySku, type DemandRequestContext } from './demand-context.ts';
import { unitsSeries, type VendorDemandHistory } from './demand-history.ts';
import { SEASON_PERIOD } from './forecast-service.ts';
import { planningFor } from '../config/planning-config.ts';
import type { LeadTime } from './supplier-lead-time.ts';
import { censorStockouts } from './stockout-days.ts';
import { historyStockoutDays, stockoutKey } from './vendor-stockouts.ts';

export interface SkuAnalytics {
  readonly sku: string;
  readonly vendorId: string;
  readonly product: StandardProduct | null;
  readonly demandClass: DemandClass;
  readonly adi: number | null;
  readonly cv2: number | null;
  readonly abcClass: AbcClass;
  readonly revenue: Money;
  readonly revenueShare: number;
  readonly unitsSold: number;
  readonly historyDays: number;
  readonly available: number | null;
  readonly forecastDailyDemand: number;
  readonly daysOfCover: number | null;
  readonly stockoutProbability: number | null;
  readonly leadTimeDays: number;
}

export const AnalyticsSort = {
  STOCKOUT_RISK: 'STOCKOUT_RISK',
  DAYS_OF_COVER: 'DAYS_OF_COVER',
  REVENUE: 'REVENUE',
  SKU: 'SKU',
} as const;
export type AnalyticsSort = (typeof AnalyticsSort)[keyof typeof AnalyticsSort];

const FORECAST_DAYS = 28;
const MAX_FIRST = 500;

/**
 * Inventory analytics of every SKU with demand history at a vendor: Syntetos–Boylan demand class
 * (ADI, CV²), ABC class by revenue over the history, days of cover at the 28-day forecast, and the
 * probability of a stock-out within the lead time (simulated lead-time demand above stock).
 */
export async function inventoryAnalytics(ctx: DemandRequestContext, vendorId: string, sortBy: AnalyticsSort, first: number): Promise<SkuAnalytics[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw badUserInput(`first must be an integer from 1 to ${String(MAX_FIRST)}, got ${String(first)}`, 'first');
  const rows = await vendorAnalytics(ctx, vendorId);
  return [...rows].sort(SORTS[sortBy]).slice(0, first);
}

/** `StandardizedProduct.analytics`: the product's SKU within its vendor's analytics; null without history. */
export async function productAnalytics(ctx: DemandRequestContext, product: StandardProduct): Promise<SkuAnalytics | null> {
  if (!product.sku) return null;
  const rows = await vendorAnalytics(ctx, product.vendorId);
  return rows.find((row) => row.sku === product.sku) ?? null;
}

async function vendorAnalytics(ctx: DemandRequestContext, vendorId: string): Promise<readonly SkuAnalytics[]> {
  assertVendorVisible(ctx, vendorId);
  const history = await ctx.services.demand.history.history(vendorId);
  if (!history) return [];
  const skus = [...history.skus.keys()].sort();
  const stock = await stockBySku(ctx, vendorId, skus);
  const stockKey = skus.map((sku) => String(stock.get(sku)?.available)).join(',');
  // Lead times as reorder suggestions plan them: the SKU's supplier (measured, else configured), else the vendor's planning.
  const leads = await ctx.services.demand.leadTimes.forSkus(skus, planningFor(ctx.services.config.vendors, vendorId));
  const leadKey = skus.map((sku) => `${leads.get(sku)!.leadTimeDays}/${leads.get(sku)!.leadTimeStdDays}`).join(',');
  const outOfStock = await historyStockoutDays(ctx, history, skus);
  const outKey = skus.map((sku) => stockoutKey(outOfStock.get(sku)!)).join(',');
  return ctx.services.demand.cache.get(`analytics:${vendorId}:${history.version}:${stockKey}:${leadKey}:${outKey}`, () =>
    skus.map((sku) => {
      const { product, available } = stock.get(sku) ?? { product: null, available: null };
      return { ...skuFigures(history, sku, available, leads.get(sku)!, outOfStock.get(sku)!), product };
    }),
  ).then((rows) => withAbc(rows, history));
}

/**
 * Units sold and days of history count every day; demand class, forecast and stock-out risk
 * read the censored series (days out of stock missing: no sales then was no demand signal).
 */
function skuFigures(history: VendorDemandHistory, sku: string, available: number | null, planning: LeadTime, outOfStock: readonly boolean[]): Omit<SkuAnalytics, 'product' | 'abcClass' | 'revenueShare'> {
  const series = unitsSeries(history, sku);
  const censored = censorStockouts(series, outOfStock);
  const profile = classifyDemand(censored.filter((units): units is number => units !== null));
  const forecast = forecastSeries(censored, { horizon: FORECAST_DAYS, seasonPeriod: SEASON_PERIOD, quantiles: [0.5] });
  const lead = available === null ? null : leadTimeDemand(censored, { leadTimeDays: planning.leadTimeDays, leadTimeStdDays: planning.leadTimeStdDays, seasonPeriod: SEASON_PERIOD, currentStock: available });
  return {
    sku,
    vendorId: history.vendorId,
    demandClass: profile.demandClass,
    adi: profile.adi,
    cv2: profile.cv2,
    revenue: { amount: history.skus.get(sku)?.revenue ?? '0', currencyCode: history.currencyCode ?? 'USD' },
    unitsSold: series.reduce((sum, units) => sum + units, 0),
    historyDays: series.length,
    available,
    forecastDailyDemand: forecast.mean.reduce((sum, value) => sum + value, 0) / forecast.mean.length,
    daysOfCover: available === null ? null : daysOfCover(available, forecast.mean),
    stockoutProbability: lead?.stockoutProbability ?? null,
    leadTimeDays: planning.leadTimeDays,
  };
}

function withAbc(rows: ReadonlyArray<Omit<SkuAnalytics, 'abcClass' | 'revenueShare'>>, history: VendorDemandHistory): SkuAnalytics[] {
  // Ranking only: the revenue itself stays a decimal string.
  const classes = new Map(abcClassify(rows.map((row) => ({ id: row.sku, revenue: Number(row.revenue.amount) }))).map((row) => [row.id, row]));
  void history;
  return rows.map((row) => ({ ...row, abcClass: classes.get(row.sku)?.abcClass ?? 'C', revenueShare: classes.get(row.sku)?.share ?? 0 }));
}

const bySku = (a: SkuAnalytics, b: SkuAnalytics) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
const SORTS: Record<AnalyticsSort, (a: SkuAnalytics, b: SkuAnalytics) => number> = {
  STOCKOUT_RISK: (a, b) => (b.stockoutProbability ?? -1) - (a.stockoutProbability ?? -1) || bySku(a, b),
  DAYS_OF_COVER: (a, b) => (a.daysOfCover ?? Number.POSITIVE_INFINITY) - (b.daysOfCover ?? Number.POSITIVE_INFINITY) || bySku(a, b),
  REVENUE: (a, b) => Number(b.revenue.amount) - Number(a.revenue.amount) || bySku(a, b),
  SKU: bySku,
};
