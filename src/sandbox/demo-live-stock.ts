import { SeededRandom } from './seeded-random.ts';

export interface LiveStockSeller {
  readonly vendorId: string;
  sellOne(pick: (count: number) => number): void;
}

/**
 * Demo mode's moving stock: every `everyMs` one simulated store (in turn) sells a unit, chosen by
 * a seeded generator, so the same demo moves the same way on every run. Shopify, WooCommerce and
 * Dropship Co deliver the change as a signed webhook to the gateway; Magento is polled.
 */
export function startLiveStock(sellers: readonly LiveStockSeller[], options: { readonly everyMs?: number; readonly seed?: number } = {}): () => void {
  const random = new SeededRandom(options.seed ?? 2026);
  const pick = (count: number) => Math.floor(random.next() * count);
  let turn = 0;
  const timer = setInterval(() => {
    const seller = sellers[turn++ % sellers.length];
    seller?.sellOne(pick);
  }, options.everyMs ?? 3_000);
  timer.unref();
  return () => clearInterval(timer);
}
