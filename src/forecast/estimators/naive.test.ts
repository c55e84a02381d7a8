import { describe, expect, it } from 'vitest';
import { fitNaive } from './naive.ts';
import { fitSeasonalNaive } from './seasonal-naive.ts';

describe('naive', () => {
  it('repeats the last value and reports one-step differences as residuals', () => {
    const model = fitNaive([3, 5, 4]);
    expect(model.forecastAt(3, 2)).toEqual([4, 4]);
    expect(model.forecastAt(2, 1)).toEqual([5]);
    expect(model.residuals).toEqual([2, -1]);
  });
});

describe('seasonal naive', () => {
  it('repeats the last season, wrapping for horizons beyond one season', () => {
    const model = fitSeasonalNaive([1, 2, 3, 10, 20, 30], 3);
    expect(model.forecastAt(6, 5)).toEqual([10, 20, 30, 10, 20]);
    expect(model.residuals).toEqual([9, 18, 27]);
  });

  it('falls back to the last value before a full season has been seen', () => {
    expect(fitSeasonalNaive([4, 6], 7).forecastAt(2, 3)).toEqual([6, 6, 6]);
  });
});
