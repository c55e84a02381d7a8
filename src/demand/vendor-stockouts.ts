import { inventoryLevelsOf } from '../catalog/product-lookup.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import type { DemandRequestContext } from './demand-context.ts';
import { stockoutDays, type StockedProduct } from './stockout-days.ts';

/**
 * The days of a vendor's history (from `firstDay`, `length` days) on which `products` (the
 * SKU's products at that vendor) had no stock anywhere, from the stock-out journal and the
 * locations they are stocked at now.
 */
export async function vendorStockoutDays(ctx: DemandRequestContext, vendorId: string, products: readonly StandardProduct[], firstDay: string, length: number): Promise<boolean[]> {
  const none = (): boolean[] => new Array<boolean>(length).fill(false);
  const mine = products.filter((product) => product.vendorId === vendorId);
  if (mine.length === 0 || mine.some((product) => !product.inventoryTracked)) return none();
  try {
    const stocked: StockedProduct[] = await Promise.all(
      mine.map(async (product) => ({ productId: product.id, locationIds: (await inventoryLevelsOf(ctx, product)).map((level) => level.locationId) })),
    );
    const recorded = await ctx.services.demand.stockouts.products(vendorId, stocked.map((p) => p.productId));
    return stockoutDays(stocked, recorded, firstDay, length, ctx.services.demand.now());
  } catch (error) {
    // The forecast still stands on the stored history when the vendor's levels cannot be read now.
    ctx.services.logger.warn({ vendorId, err: error }, 'stock-out days unknown: forecasting without censoring');
    return none();
  }
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
