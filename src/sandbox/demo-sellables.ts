import { sharedDemoSkus } from './demo-catalog.ts';
import type { DemoSellable } from './demo-order-book.ts';

/**
 * The items a demo simulator sells in its order history: the shared demo SKUs (every demo vendor
 * carries them, so the same SKU has a history at each channel), with the simulator's own price
 * and handle. Other catalog items have no sales.
 */
export function demoSellables<T>(items: Iterable<T>, skuOf: (item: T) => string | null, priceOf: (item: T) => string): Array<DemoSellable<T>> {
  const wanted = new Set(sharedDemoSkus());
  const found = new Map<string, DemoSellable<T>>();
  for (const item of items) {
    const sku = skuOf(item);
    if (sku === null || !wanted.has(sku) || found.has(sku)) continue;
    found.set(sku, { sku, priceCents: decimalToCents(priceOf(item)), ref: item });
  }
  return [...found.values()].sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

/** "12.5" or "12.499" → 1250 (half-up on the third decimal); demo prices only. */
export function decimalToCents(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  const cents = Number(whole) * 100 + Number(`${fraction}000`.slice(0, 2));
  return Number(fraction[2] ?? '0') >= 5 ? cents + 1 : cents;
}
