import { describe, expect, it } from 'vitest';
import { inverseNormal } from './inverse-normal.ts';
import { reorderPoint, safetyStock } from './safety-stock.ts';
import { coverDaysOrderQuantity, economicOrderQuantity } from './order-quantity.ts';
import { daysOfCover } from './days-of-cover.ts';

describe('inverse normal (Acklam)', () => {
  it('gives the textbook safety factors', () => {
    expect(inverseNormal(0.95)).toBeCloseTo(1.6449, 4);
    expect(inverseNormal(0.5)).toBe(0);
    expect(inverseNormal(0.975)).toBeCloseTo(1.96, 3);
    expect(inverseNormal(0.01)).toBeCloseTo(-2.3263, 4);
    expect(inverseNormal(0.999)).toBeCloseTo(3.0902, 4);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => inverseNormal(1)).toThrow(/probability must be in \(0, 1\), got 1/);
  });
});

describe('safety stock and reorder point', () => {
  it('worked example: d̄ = 10/day, σ = 3, L = 7, 95% → SS 13.06, ROP 83.06', () => {
    const ss = safetyStock({ z: inverseNormal(0.95), sigmaDemand: 3, leadTime: 7 });
    expect(Math.abs(ss - 13.06)).toBeLessThan(0.01);
    expect(reorderPoint(10, 7, ss)).toBeCloseTo(83.06, 1);
  });

  it('adds lead-time variability: z·√(L·σd² + d̄²·σL²)', () => {
    const ss = safetyStock({ z: inverseNormal(0.95), sigmaDemand: 3, leadTime: 7, meanDemand: 10, leadTimeStd: 2 });
    expect(ss).toBeCloseTo(1.644854 * Math.sqrt(7 * 9 + 100 * 4), 3);
  });
});

describe('order quantities', () => {
  it('EOQ = √(2DS/H)', () => {
    expect(economicOrderQuantity(1200, 50, 2)).toBeCloseTo(Math.sqrt(60000), 9);
    expect(economicOrderQuantity(1200, 50, 0)).toBeNull();
  });

  it('cover-days quantity sums forecast demand, with a fractional last day', () => {
    expect(coverDaysOrderQuantity([10, 12, 14], 2.5)).toBe(29);
    expect(coverDaysOrderQuantity([10, 20], 4)).toBe(60);
  });
});

describe('days of cover', () => {
  it('walks the forecast and extrapolates past the horizon at the average rate', () => {
    expect(daysOfCover(25, [10, 10, 10])).toBe(2.5);
    expect(daysOfCover(50, [10, 10])).toBe(5);
    expect(daysOfCover(0, [10])).toBe(0);
    expect(daysOfCover(5, [0, 0])).toBeNull();
  });
});
