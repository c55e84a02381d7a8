import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../forecast/index.ts';
import { censorStockouts, stockoutDays } from './stockout-days.ts';

const at = (day: string, hour = 0): number => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

describe('out-of-stock days of a SKU at one vendor', () => {
  const products = [{ productId: 'p1', locationIds: ['east', 'west'] }];
  const span = (from: number, to: number) => ({ spans: [[from, to] as const], outSince: null });

  it('are the days every location had no stock for at least half the day', () => {
    const recorded = new Map([['p1', { east: span(at('2025-01-02', 6), at('2025-01-05', 18)), west: span(at('2025-01-01'), at('2025-01-04', 10)) }]]);
    // Jan 2: east out from 06:00 (18 h), west all day → out. Jan 4: west back at 10:00 (10 h out) → in stock.
    expect(stockoutDays(products, recorded, '2025-01-01', 6, at('2025-02-01'))).toEqual([false, true, true, false, false, false]);
  });

  it('a location never out of stock keeps the SKU in stock; an open stock-out runs until now', () => {
    const eastOnly = new Map([['p1', { east: span(at('2025-01-01'), at('2025-01-06')) }]]);
    expect(stockoutDays(products, eastOnly, '2025-01-01', 3, at('2025-02-01'))).toEqual([false, false, false]);
    const open = new Map([['p1', { east: { spans: [], outSince: at('2025-01-02') }, west: { spans: [], outSince: at('2024-12-30') } }]]);
    expect(stockoutDays(products, open, '2025-01-01', 4, at('2025-01-03', 12))).toEqual([false, true, true, false]);
  });

  it('a SKU out of stock for the last week gets a higher forecast than if those days were zero demand', () => {
    const week = [5, 6, 6, 7, 9, 12, 8];
    const units = Array.from({ length: 140 }, (_, t) => week[t % 7]! + (t % 3));
    const outOfStock = units.map((_, t) => t >= 133);
    for (let t = 133; t < 140; t++) units[t] = 0;
    const asZeros = forecastSeries(units, { horizon: 14, seasonPeriod: 7 });
    const censored = forecastSeries(censorStockouts(units, outOfStock), { horizon: 14, seasonPeriod: 7 });
    const total = (mean: number[]): number => mean.reduce((a, b) => a + b, 0);
    expect(total(censored.mean)).toBeGreaterThan(1.1 * total(asZeros.mean));
    // Two weeks of the usual ~55 units a week, not a level dragged down by the empty week.
    expect(total(censored.mean)).toBeGreaterThan(95);
    expect(total(censored.mean)).toBeLessThan(125);
  });
});
