import { describe, expect, it } from 'vitest';
import { quantilesOf } from './quantile-select.ts';
import { quantileSorted } from './empirical-quantile.ts';
import { residualQuantiles } from './residual-quantiles.ts';
import { seededRandom } from '../seeded-random.ts';

describe('empirical quantiles', () => {
  it('interpolate between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantilesOf(Float64Array.from([4, 1, 3, 2]), [0, 0.5, 1])).toEqual([1, 2.5, 4]);
  });

  it('agree exactly with sorting, also with ties, outliers and crowded buckets', () => {
    const random = seededRandom(3);
    const levels = [0.025, 0.1, 0.5, 0.9, 0.975];
    for (const sample of [
      Array.from({ length: 999 }, () => random()),
      Array.from({ length: 500 }, () => (random() < 0.8 ? 0 : Math.ceil(random() * 3))),
      // Heavy tails: most values crowd a few buckets between trimmed extremes.
      Array.from({ length: 600 }, () => Math.tan(Math.PI * (random() - 0.5))),
      // Many distinct values in one bucket (quickselect inside the bucket).
      Array.from({ length: 700 }, (_, i) => (i % 7 === 0 ? 1e9 : 1 + random() * 1e-6)),
      Array.from({ length: 300 }, () => -5 - random()),
      new Array<number>(50).fill(2.5),
      [3],
    ]) {
      const sorted = [...sample].sort((a, b) => a - b);
      expect(quantilesOf(Float64Array.from(sample), levels)).toEqual(levels.map((l) => quantileSorted(sorted, l)));
    }
  });
});

describe('residual quantiles', () => {
  const errors = { origins: [3, 2, 1], rows: [Float64Array.from([-1, -2]), Float64Array.from([1, 2]), Float64Array.from([0, 0])] };

  it('pooled mode adds the empirical error quantile to the mean and clips at zero', () => {
    const q = residualQuantiles([1, 1], errors, [0.5, 1], 'pooled');
    expect(q['0.5']).toEqual([1, 1]);
    expect(q['1']).toEqual([3, 3]);
    expect(residualQuantiles([0.5, 0.5], errors, [0.01], 'pooled')['0.01']).toEqual([0, 0]);
  });

  it('scaled mode widens with the step’s error spread', () => {
    const q = residualQuantiles([10, 10], errors, [0.9], 'scaled');
    expect(q['0.9']![1]! - 10).toBeGreaterThan(q['0.9']![0]! - 10);
  });

  it('rounds to whole units for count data', () => {
    expect(residualQuantiles([0.4, 0.4], errors, [0.9], 'pooled', true)['0.9']).toEqual([2, 2]);
  });
});
