import { describe, expect, it } from 'vitest';
import { fitTheta, seasonIndices, sesAlphaSearch } from './theta.ts';
import { normalDraw, seededRandom } from '../seeded-random.ts';

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

describe('theta SES weight search (four weights per pass)', () => {
  it('lands within one grid step of the best weight on a fine grid', () => {
    const random = seededRandom(3);
    let level = 20;
    const x = Float64Array.from({ length: 300 }, () => (level += 0.3 * normalDraw(random)) + normalDraw(random));
    const sse = (alpha: number): number => {
      let l = x[0]!;
      let total = 0;
      for (let t = 1; t < x.length; t++) {
        total += (x[t]! - l) ** 2;
        l += alpha * (x[t]! - l);
      }
      return total;
    };
    let best = 0.01;
    for (let a = 0.01; a <= 0.99; a += 0.001) if (sse(a) < sse(best)) best = a;
    expect(Math.abs(sesAlphaSearch(x, 0.01, 0.99) - best)).toBeLessThan(0.01);
  });
});
