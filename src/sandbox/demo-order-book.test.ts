import { describe, expect, it } from 'vitest';
import { sharedDemoSkus } from './demo-catalog.ts';
import { DAY_MS, dayNumber } from './demo-demand.ts';
import { DemoOrderBook } from './demo-order-book.ts';

const NOW = Date.parse('2026-11-25T06:00:00Z');
const items = sharedDemoSkus().map((sku) => ({ sku, priceCents: 1250, ref: sku }));

describe('DemoOrderBook', () => {
  it('is deterministic: a day answers the same whatever the clock and whatever was generated before', () => {
    const early = new DemoOrderBook(items, { seed: 9, now: () => NOW });
    const late = new DemoOrderBook(items, { seed: 9, now: () => NOW + 30 * DAY_MS });
    const day = dayNumber(NOW) - 10;
    late.ordersBetween(0, NOW + 30 * DAY_MS);
    expect(early.ordersBetween(day * DAY_MS, (day + 1) * DAY_MS)).toEqual(late.ordersBetween(day * DAY_MS, (day + 1) * DAY_MS));
  });

  it('packs exactly the daily demand into non-cancelled orders; cancelled orders are extra', () => {
    const book = new DemoOrderBook(items, { seed: 9, now: () => NOW });
    const firstDay = book.firstDay();
    const orders = book.ordersBetween(firstDay * DAY_MS, NOW);
    const sold = new Map<string, number>();
    for (const order of orders) {
      if (order.cancelled) continue;
      for (const line of order.lines) {
        const key = `${line.item.sku}@${String(dayNumber(order.createdAtMs))}`;
        sold.set(key, (sold.get(key) ?? 0) + line.quantity);
      }
    }
    for (const sku of sharedDemoSkus()) {
      for (let day = firstDay; day < dayNumber(NOW); day += 1) expect(sold.get(`${sku}@${String(day)}`) ?? 0).toBe(book.unitsOn(sku, day));
    }
    expect(orders.some((order) => order.cancelled)).toBe(true);
    expect(orders.every((order, index) => index === 0 || order.id > orders[index - 1]!.id)).toBe(true);
  });

  it('has fast movers, slow movers and stock-outs (runs of zero days for a fast mover)', () => {
    const book = new DemoOrderBook(items, { seed: 9, now: () => NOW });
    const tiers = new Set(sharedDemoSkus().map((sku) => book.demand.tier(sku)));
    expect(tiers).toEqual(new Set(['fast', 'medium', 'slow']));
    const fast = sharedDemoSkus().find((sku) => book.demand.tier(sku) === 'fast')!;
    const series = Array.from({ length: 365 }, (_, index) => book.unitsOn(fast, book.firstDay() + index));
    expect(series.join(',')).toMatch(/(^|,)0,0,0(,|$)/);
  });
});
