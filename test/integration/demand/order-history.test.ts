import { afterEach, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src/demand/calendar-day.ts';
import { centsToDecimal, sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import { isoToDay } from '../../../src/sandbox/demo-demand.ts';
import { startOrdersKit, TestClock, type OrdersKit, type Platform } from './demand-test-kit.ts';

/**
 * Demand history from each vendor's orders API, against its simulator over real HTTP: pages and
 * request counts, totals per SKU and day equal to the simulator's generated truth, and refreshes
 * that fetch only the days after the last stored one.
 */
const START = Date.parse('2026-11-25T06:00:00Z');
const HISTORY_DAYS = 60;
let harness: OrdersKit | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ordersRequests = (h: OrdersKit) => h.server.requestLog.filter((entry) => entry.operation === h.operation);

/** Pages the client must need for the orders created in [from, until) (days as epoch-day numbers). */
function expectedPages(h: OrdersKit, fromDay: number, untilDay: number): number {
  const orders = h.book.ordersBetween(fromDay * 86_400_000, untilDay * 86_400_000).filter((order) => !(h.cancelledFilteredUpstream && order.cancelled));
  return Math.max(1, Math.ceil(orders.length / h.pageSize));
}

describe.each<Platform>(['shopify', 'woocommerce', 'magento', 'custom'])('%s order history', (platform) => {
  it('loads the history window page by page, and every SKU-day equals the simulator\'s truth', async () => {
    const clock = new TestClock(START);
    harness = await startOrdersKit(platform, clock, HISTORY_DAYS);
    const history = await harness.history.history(harness.source.info.id);
    expect(history).not.toBeNull();
    const firstDay = addDays('2026-11-25', -HISTORY_DAYS);
    expect(history!.firstDay).toBe(firstDay);
    expect(history!.lastDay).toBe('2026-11-24');
    expect(ordersRequests(harness)).toHaveLength(expectedPages(harness, isoToDay(firstDay), isoToDay('2026-11-25')));
    expect(ordersRequests(harness).length).toBeGreaterThan(1);

    let checkedUnits = 0;
    for (const sku of sharedDemoSkus()) {
      const units = history!.skus.get(sku)?.units ?? new Array<number>(HISTORY_DAYS).fill(0);
      expect(units).toHaveLength(HISTORY_DAYS);
      const truth = units.map((_, index) => harness!.book.unitsOn(sku, isoToDay(firstDay) + index));
      expect(units).toEqual(truth);
      checkedUnits += truth.reduce((a, b) => a + b, 0);
    }
    expect(checkedUnits).toBeGreaterThan(100);
  });

  it('sums revenue exactly as decimal strings (units × price, no float drift)', async () => {
    harness = await startOrdersKit(platform, new TestClock(START), HISTORY_DAYS);
    const history = await harness.history.history(harness.source.info.id);
    const [sku, entry] = [...history!.skus].sort((a, b) => b[1].units.reduce((x, y) => x + y, 0) - a[1].units.reduce((x, y) => x + y, 0))[0]!;
    const line = harness.book.ordersBetween(0, START).flatMap((order) => order.lines).find((candidate) => candidate.item.sku === sku)!;
    const units = entry.units.reduce((a, b) => a + b, 0);
    expect(Number(entry.revenue)).toBeCloseTo(units * (line.item.priceCents / 100), 6);
    expect(entry.revenue.replace(/0+$/, '').replace(/\.$/, '')).toBe(centsToDecimal(units * line.item.priceCents).replace(/0+$/, '').replace(/\.$/, ''));
  });

  it('refreshes incrementally: a later day fetches only the days after the last stored one', async () => {
    const clock = new TestClock(START);
    harness = await startOrdersKit(platform, clock, HISTORY_DAYS);
    const vendorId = harness.source.info.id;
    await harness.history.history(vendorId);
    harness.server.clearLog();

    await harness.history.history(vendorId);
    expect(ordersRequests(harness)).toHaveLength(0); // same day: nothing new to fetch

    clock.advanceDays(3);
    const later = await harness.history.history(vendorId);
    expect(later!.lastDay).toBe('2026-11-27');
    expect(daysBetween(later!.firstDay, later!.lastDay) + 1).toBe(HISTORY_DAYS + 3);
    const requests = ordersRequests(harness);
    expect(requests).toHaveLength(expectedPages(harness, isoToDay('2026-11-25'), isoToDay('2026-11-28')));
    expect(requests).toHaveLength(1);
    // The one request asks for the three new days only.
    const query = decodeURIComponent(requests[0]!.query + JSON.stringify(requests[0]!.body ?? ''));
    // (WooCommerce's `after` is exclusive: the last second before the first new day.)
    expect(query).toMatch(/2026-11-25|2026-11-24T23:59:59/);
    expect(query).not.toMatch(/2026-11-(1\d|2[0-3])|2026-10|2026-11-24(?!T23:59:59)/);
    for (const sku of sharedDemoSkus().slice(0, 20)) {
      const units = later!.skus.get(sku)?.units ?? [];
      const tail = units.slice(-3);
      const truth = [0, 1, 2].map((offset) => harness!.book.unitsOn(sku, isoToDay('2026-11-25') + offset));
      if (units.length > 0) expect(tail).toEqual(truth);
      else expect(truth).toEqual([0, 0, 0]);
    }
  });
});
