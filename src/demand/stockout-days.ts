import type { ProductStockouts } from '../store/stockout-journal.ts';

const DAY_MS = 86_400_000;
/** A day counts as out of stock when nothing was available for at least half of it. */
const CENSORED_SHARE = 0.5;

/** A product of the SKU at one vendor and the locations it is stocked at now. */
export interface StockedProduct {
  readonly productId: string;
  readonly locationIds: readonly string[];
}

/**
 * Which days of a history from `firstDay` (length days) the SKU was out of stock at one vendor:
 * every location of every product of the SKU without stock for at least half the day (a
 * location with no recorded stock-out had stock). An open stock-out runs until `now`.
 * Untracked products and products without locations are never out of stock.
 */
export function stockoutDays(products: readonly StockedProduct[], recorded: ReadonlyMap<string, ProductStockouts>, firstDay: string, length: number, now: number): boolean[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const out = new Array<boolean>(length).fill(products.length > 0);
  if (products.length === 0) return out;
  for (const product of products) {
    const record = recorded.get(product.productId);
    if (!record || product.locationIds.length === 0) return out.fill(false);
    for (const locationId of product.locationIds) {
      const location = record[locationId];
      if (!location) return out.fill(false);
      const spans = location.outSince === null ? location.spans : [...location.spans, [location.outSince, now] as const];
      const covered = new Array<number>(length).fill(0);
      for (const [from, to] of spans) {
        for (let day = Math.max(0, Math.floor((from - start) / DAY_MS)); day < length && start + day * DAY_MS < to; day++) {
          const dayStart = start + day * DAY_MS;
          covered[day]! += Math.max(0, Math.min(to, dayStart + DAY_MS) - Math.max(from, dayStart));
        }
      }
      for (let day = 0; day < length; day++) if (covered[day]! < CENSORED_SHARE * DAY_MS) out[day] = false;
    }
  }
  return out;
}

/** Units with the out-of-stock days as missing values: censored demand, not zero demand. */
export function censorStockouts(units: readonly number[], outOfStock: readonly boolean[]): (number | null)[] {
  return units.map((value, day) => (outOfStock[day] ? null : value));
}
