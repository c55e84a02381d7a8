import { describe, expect, it } from 'vitest';
import { crostonForecasts, crostonWithAlpha, fitCroston } from './croston.ts';
import { fitTsb, tsbForecasts } from './tsb.ts';

// Demands at t = 2 (3 units), t = 6 (2 units), t = 8 (1 unit).
const sparse = [0, 0, 3, 0, 0, 0, 2, 0, 1];

describe('Croston and SBA', () => {
  it('match a hand computation with α = 0.1', () => {
    // start at t=2: z = 3, p = 3 → 1
    // t=6: z = 3 + 0.1·(2 − 3) = 2.9, p = 3 + 0.1·(4 − 3) = 3.1 → 0.935484
    // t=8: z = 2.9 + 0.1·(1 − 2.9) = 2.71, p = 3.1 + 0.1·(2 − 3.1) = 2.99 → 0.906355
    const f = crostonForecasts(sparse, 0.1, 'croston');
    expect(f[2]).toBe(0);
    expect(f[3]).toBeCloseTo(1, 12);
    expect(f[7]).toBeCloseTo(2.9 / 3.1, 12);
    expect(f[9]).toBeCloseTo(2.71 / 2.99, 12);
    expect(crostonForecasts(sparse, 0.1, 'sba')[9]).toBeCloseTo(0.95 * (2.71 / 2.99), 12);
  });

  it('forecast flat and residuals start after the first demand', () => {
    const model = crostonWithAlpha(sparse, 0.1, 'croston');
    expect(model.forecastAt(9, 3)).toEqual(new Array(3).fill(crostonForecasts(sparse, 0.1, 'croston')[9]));
    expect(model.residuals).toHaveLength(6);
  });

  it('give non-negative forecasts with α inside [0.05, 0.5]', () => {
    const model = fitCroston([0, 5, 0, 0, 1, 0, 0, 0, 7, 0, 2, 0], 'sba');
    expect(model.params.alpha).toBeGreaterThanOrEqual(0.05);
    expect(model.params.alpha).toBeLessThanOrEqual(0.5);
    model.forecastAt(12, 6).forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
  });
});

describe('TSB', () => {
  it('matches a hand computation with α = β = 0.5', () => {
    // start p = 1/4, z = 3 → 0.75; then p: 0.125, 0.5625, 0.28125, 0.140625 and z stays 3
    const f = Array.from(tsbForecasts([0, 3, 0, 0], 0.5, 0.5));
    [0.75, 0.375, 1.6875, 0.84375, 0.421875].forEach((v, i) => expect(f[i]).toBeCloseTo(v, 12));
  });

  it('decays towards zero while no demand arrives and never goes negative', () => {
    const model = fitTsb([4, 0, 3, 5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    const early = model.forecastAt(6, 1)[0]!;
    const late = model.forecastAt(14, 1)[0]!;
    expect(late).toBeLessThan(early);
    expect(late).toBeGreaterThanOrEqual(0);
  });
});
