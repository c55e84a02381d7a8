import { describe, expect, it } from 'vitest';
import { mase } from './mase.ts';
import { quantileLoss, scaledQuantileLoss } from './quantile-loss.ts';
import { coverageRatio, intervalCoverage } from './interval-coverage.ts';
import { seasonalError } from './seasonal-error.ts';

describe('MASE', () => {
  it('scales the forecast MAE by the in-sample seasonal-naive MAE', () => {
    // errors 1 and 2 → MAE 1.5; lag-1 scale 1; lag-2 scale 2
    expect(mase([6, 7], [5, 9], [1, 2, 3, 4, 5], 1)).toBe(1.5);
    expect(mase([6, 7], [5, 9], [1, 2, 3, 4, 5], 2)).toBe(0.75);
  });

  it('is null for a history with zero seasonal scale (fev drops those series)', () => {
    expect(mase([1], [0], [4, 4, 4], 1)).toBeNull();
  });

  it('uses scale 1 when the history is shorter than one season, as fev does', () => {
    expect(seasonalError([3, 5], 12)).toBe(1);
    expect(mase([2], [5], [3, 5], 12)).toBe(3);
  });

  it('skips missing actuals', () => {
    expect(mase([NaN, 7], [5, 9], [1, 2, 3], 1)).toBe(2);
  });
});

describe('quantile loss and SQL', () => {
  it('uses fev’s 2·|(y − q)(1{y ≤ q} − τ)|', () => {
    expect(quantileLoss(10, 8, 0.9)).toBeCloseTo(3.6, 12);
    expect(quantileLoss(10, 12, 0.9)).toBeCloseTo(0.4, 12);
    expect(quantileLoss(10, 7, 0.5)).toBeCloseTo(3, 12);
  });

  it('averages over levels and steps and divides by the seasonal scale', () => {
    // scale mean|Δ| of [0,1,0,1] = 1
    // step 1 (y = 1): (2·1·0.1 + 2·1·0.1)/2 = 0.2; step 2 (y = 0): (0 + 2·2·0.1)/2 = 0.2
    const predictions = [
      { level: 0.1, values: [0, 0] },
      { level: 0.9, values: [2, 2] },
    ];
    expect(scaledQuantileLoss([1, 0], predictions, [0, 1, 0, 1], 1)).toBeCloseTo(0.2, 12);
    expect(scaledQuantileLoss([1, 0], predictions, [0, 2, 0, 2], 1)).toBeCloseTo(0.1, 12);
  });

  it('is null for zero-scale histories', () => {
    expect(scaledQuantileLoss([1], [{ level: 0.5, values: [1] }], [0, 0, 0], 1)).toBeNull();
  });
});

describe('interval coverage', () => {
  it('counts actuals inside the closed interval', () => {
    const count = intervalCoverage([1, 5, 10, NaN], [0, 6, 9, 0], [2, 8, 10, 1]);
    expect(count).toEqual({ inside: 2, total: 3 });
    expect(coverageRatio(count)).toBeCloseTo(2 / 3, 12);
    expect(coverageRatio({ inside: 0, total: 0 })).toBeNull();
  });
});
