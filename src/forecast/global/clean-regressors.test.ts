import { describe, expect, it } from 'vitest';
import { isCleanRegressor, markCleanRegressors } from './clean-regressors.ts';

describe('clean regressor arrays', () => {
  it('an array counts as clean once marked, by identity (an equal copy does not)', () => {
    const promo = [0, 1, 0];
    expect(isCleanRegressor(promo)).toBe(false);
    markCleanRegressors([promo]);
    expect(isCleanRegressor(promo)).toBe(true);
    expect(isCleanRegressor([0, 1, 0])).toBe(false);
  });

  it('only the last few marked arrays are remembered: older ones are cleaned again when read, never read unclean', () => {
    const old = [1, 2];
    markCleanRegressors([old]);
    markCleanRegressors(Array.from({ length: 8 }, () => [0]));
    expect(isCleanRegressor(old)).toBe(false);
  });
});
