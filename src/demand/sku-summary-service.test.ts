import { describe, expect, it } from 'vitest';
import type { VendorDemandHistory } from './demand-history.ts';
import { last30Days, sumHistories } from './sku-summary-service.ts';

const history = (vendorId: string, firstDay: string, lastDay: string, skus: Record<string, number[]>): VendorDemandHistory => ({
  vendorId,
  firstDay,
  lastDay,
  currencyCode: 'USD',
  skus: new Map(Object.entries(skus).map(([sku, units]) => [sku, { units, revenue: '0' }])),
  version: `${firstDay}..${lastDay}`,
});

describe('a SKU summed over channels', () => {
  it('adds each vendor\'s daily units on the same calendar day, whatever day each history starts', () => {
    const woo = history('woo', '2025-01-01', '2025-01-04', { A: [1, 2, 3, 4], B: [9, 9, 9, 9] });
    const shop = history('shop', '2025-01-03', '2025-01-05', { A: [10, 20, 30] });
    const magento = history('magento', '2025-01-01', '2025-01-05', { B: [1, 1, 1, 1, 1] });
    expect(sumHistories([woo, shop, magento], 'A')).toEqual({
      firstDay: '2025-01-01',
      lastDay: '2025-01-05',
      units: [1, 2, 13, 24, 30],
      vendorIds: ['woo', 'shop', 'magento'],
      outOfStock: [false, false, false, false, false],
    });
    expect(sumHistories([], 'A')).toBeNull();
  });

  it('marks a summed day out of stock when any vendor selling the SKU had no stock that day, on its calendar day', () => {
    const woo = history('woo', '2025-01-01', '2025-01-04', { A: [1, 0, 0, 4] });
    const shop = history('shop', '2025-01-03', '2025-01-05', { A: [10, 20, 30] });
    const summed = sumHistories([woo, shop], 'A', new Map([['woo', [false, true, true, false]], ['shop', [false, false, true]]]));
    expect(summed?.outOfStock).toEqual([false, true, true, false, true]);
  });

  it('last30Days sums the last 30 days of the summed series', () => {
    const units = Array.from({ length: 40 }, (_, i) => i);
    const demand = { firstDay: '2025-01-01', lastDay: '2025-02-09', units, vendorIds: ['a'], outOfStock: units.map(() => false) };
    expect(last30Days({ sku: 'A', products: [], totalAvailable: null, demand })).toBe(units.slice(10).reduce((a, b) => a + b, 0));
  });
});
