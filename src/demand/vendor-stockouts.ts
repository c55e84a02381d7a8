import { inventoryLevelsOf } from '../catalog/product-lookup.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import type { DemandRequestContext } from './demand-context.ts';
import { stockoutDays } from './stockout-days.ts';
import type { VendorDemandHistory } from './demand-history.ts';
import { daysBetween } from './calendar-day.ts';

/**
 * The days of a vendor's history (from `firstDay`, `length` days) on which `products` (the
 * SKU's products at that vendor) had no stock anywhere, from the stock-out journal and the
 * locations they are stocked at now.
 */
export async function vendorStockoutDays(ctx: DemandRequestContext, vendorId: string, products: readonly StandardProduct[], firstDay: string, length: number): Promise<boolean[]> {
  const bySku = await vendorStockoutDaysBySku(ctx, vendorId, new Map([['', products]]), firstDay, length);
  return bySku.get('')!;
}

/**
 * vendorStockoutDays for many SKUs of one vendor (each SKU's products as looked up there) with
 * one stock-out journal read for all of them, as the vendor-wide reorder suggestions and
 * analytics need. Without censoring (all false) for a SKU whose products are not all tracked,
 * and for every SKU when the levels or the journal cannot be read now.
 */
export async function vendorStockoutDaysBySku(
  ctx: DemandRequestContext,
  vendorId: string,
  productsBySku: ReadonlyMap<string, readonly StandardProduct[]>,
  firstDay: string,
  length: number,
): Promise<Map<string, boolean[]>> {
  const none = (): boolean[] => new Array<boolean>(length).fill(false);
  const censorable = new Map<string, StandardProduct[]>();
  for (const [sku, products] of productsBySku) {
    const mine = products.filter((product) => product.vendorId === vendorId);
    if (mine.length > 0 && mine.every((product) => product.inventoryTracked)) censorable.set(sku, mine);
  }
  const out = new Map([...productsBySku.keys()].map((sku) => [sku, none()] as const));
  if (censorable.size === 0) return out;
  try {
    const unique = new Map([...censorable.values()].flat().map((product) => [product.id, product] as const));
    const stocked = new Map(
      await Promise.all(
        [...unique.values()].map(async (product) => [product.id, { productId: product.id, locationIds: (await inventoryLevelsOf(ctx, product)).map((level) => level.locationId) }] as const),
      ),
    );
    const recorded = await ctx.services.demand.stockouts.products(vendorId, [...unique.keys()]);
    const now = ctx.services.demand.now();
    for (const [sku, products] of censorable) {
      out.set(sku, stockoutDays(products.map((product) => stocked.get(product.id)!), recorded, firstDay, length, now));
    }
    return out;
  } catch (error) {
    ctx.services.logger.warn({ vendorId, err: error }, 'stock-out days unknown: forecasting without censoring');
    return out;
  }
}

/**
 * The out-of-stock days of every SKU of a vendor's demand history (SKUs looked up at the
 * vendor, one journal read), keyed by SKU; all false when the lookup fails.
 */
export async function historyStockoutDays(ctx: DemandRequestContext, history: VendorDemandHistory, skus: readonly string[]): Promise<Map<string, boolean[]>> {
  const length = daysBetween(history.firstDay, history.lastDay) + 1;
  let productsBySku: Map<string, readonly StandardProduct[]>;
  try {
    const loader = ctx.loaders.forVendor(history.vendorId).productsBySku;
    productsBySku = new Map(await Promise.all(skus.map(async (sku) => [sku, await loader.load(sku)] as const)));
  } catch (error) {
    ctx.services.logger.warn({ vendorId: history.vendorId, err: error }, 'stock-out days unknown: forecasting without censoring');
    return new Map(skus.map((sku) => [sku, new Array<boolean>(length).fill(false)] as const));
  }
  return vendorStockoutDaysBySku(ctx, history.vendorId, productsBySku, history.firstDay, length);
}

/** vendorStockoutDays for a SKU looked up at the vendor (no censoring when the lookup fails). */
export async function skuStockoutDays(ctx: DemandRequestContext, vendorId: string, sku: string, firstDay: string, length: number): Promise<boolean[]> {
  let products: readonly StandardProduct[];
  try {
    products = await ctx.loaders.forVendor(vendorId).productsBySku.load(sku);
  } catch (error) {
    ctx.services.logger.warn({ vendorId, err: error }, 'stock-out days unknown: forecasting without censoring');
    return new Array<boolean>(length).fill(false);
  }
  return vendorStockoutDays(ctx, vendorId, products, firstDay, length);
}

/** A short key of the out-of-stock days (caches of forecasts key on it). */
export function stockoutKey(days: readonly boolean[]): string {
  const runs: string[] = [];
  for (let day = 0; day < days.length; day++) {
    if (!days[day]) continue;
    const from = day;
    while (days[day + 1]) day++;
    runs.push(`${String(from)}-${String(day)}`);
  }
  return runs.length === 0 ? '-' : runs.join(',');
}
