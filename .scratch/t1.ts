import { DemoOrderBook } from '../src/sandbox/demo-order-book.ts';
import { sharedDemoSkus } from '../src/sandbox/demo-catalog.ts';
const t0 = performance.now();
for (const scale of [1, 0.6]) {
const book = new DemoOrderBook(sharedDemoSkus().map((sku) => ({ sku, priceCents: 1999, ref: sku })), { seed: 11, scale, now: () => Date.parse('2026-11-25T06:00:00Z') });
const orders = book.ordersBetween(0, Date.parse('2026-11-25T06:00:00Z'));
const lines = orders.reduce((a, o) => a + o.lines.length, 0);
console.log(scale, 'orders', orders.length, 'lines', lines, 'ms', (performance.now() - t0).toFixed(0));
const tiers: Record<string, number> = {}; for (const s of sharedDemoSkus()) tiers[book.demand.tier(s)] = (tiers[book.demand.tier(s)] ?? 0) + 1; console.log(tiers);
}
