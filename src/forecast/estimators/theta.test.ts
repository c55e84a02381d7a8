import { describe, expect, it } from 'vitest';
import { fitTheta, seasonIndices } from './theta.ts';

describe('theta method (SES with an optimised drift)', () => {
  it('extrapolates a straight line exactly (the drift weight goes to the full slope)', () => {
    const line = Array.from({ length: 100 }, (_, t) => 5 + 2 * t);
    const model = fitTheta(line, 1, false);
    const forecast = model.forecastAt(100, 3);
    forecast.forEach((v, k) => expect(v).toBeCloseTo(205 + 2 * k, 6));
    expect(model.params.drift).toBeCloseTo(1, 3);
  });

  it('uses only data before the origin for the drift: a trend that starts later is not foreseen', () => {
    const kinked = Array.from({ length: 120 }, (_, t) => (t < 60 ? 50 : 50 + 3 * (t - 60)));
    const model = fitTheta(kinked, 1, false);
    // At origin 50 the history is flat: the forecast stays at the level whatever came after.
    model.forecastAt(50, 5).forEach((v) => expect(v).toBeCloseTo(50, 6));
  });

  it('forecasts a flat series with a weekly cycle as that cycle', () => {
    const week = [2, 2, 3, 3, 4, 8, 6];
    const series = Array.from({ length: 70 }, (_, t) => week[t % 7]!);
    const model = fitTheta(series, 7, true);
    expect(model.params.seasonal).toBe(1);
    model.forecastAt(70, 7).forEach((v, k) => expect(v).toBeCloseTo(week[(70 + k) % 7]!, 6));
  });

  it('skips seasonal adjustment when a weekday almost never sells', () => {
    const series = Array.from({ length: 70 }, (_, t) => (t % 7 === 0 ? 0 : 5));
    expect(seasonIndices(series, 7)).toBeNull();
  });
});
