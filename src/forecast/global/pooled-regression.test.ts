import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { accumulatePooledRegression, localRegression, pooledRegressionModel, solvePooledRegression, trainPooledRegression } from './pooled-regression.ts';
import { forecastSeries } from '../forecast-series.ts';

const WEEK = [0.8, 0.8, 0.9, 1, 1.1, 1.5, 0.9];

/** Weekly demand with announced promotions that triple it; levels differ by series. */
function promoSeries(level: number, n: number, seed: number): { values: number[]; promo: number[] } {
  const random = seededRandom(seed);
  const promo = Array.from({ length: n }, () => (random() < 0.08 ? 1 : 0));
  const values = promo.map((p, t) => level * WEEK[t % 7]! * (p ? 3 : 1) * (0.9 + 0.2 * random()));
  return { values, promo };
}

describe('pooled regression (global model)', () => {
  it('learns a promotion lift across series of very different levels and applies it on promoted days', () => {
    const set = Array.from({ length: 30 }, (_, i) => promoSeries(2 + 20 * i, 300, i + 1));
    const model = trainPooledRegression(
      set.map((s) => ({ values: s.values.slice(0, 272), regressors: { promo: s.promo } })),
      { horizon: 28, seasonPeriod: 7, regressors: ['promo'] },
    );
    expect(model.samples).toBeGreaterThan(30 * 28);
    // A new series, never seen in training, at a level of 50: a promoted day ≈ 3× an ordinary one.
    const fresh = promoSeries(50, 300, 99);
    const promo = fresh.promo.slice();
    for (let t = 272; t < 300; t++) promo[t] = t === 280 ? 1 : 0;
    const forecast = pooledRegressionModel(model, fresh.values.slice(0, 272), { promo }).forecastAt(272, 28);
    const promoted = forecast[280 - 272]!;
    const ordinary = forecast[287 - 272]!; // the same weekday a week later, no promotion
    expect(promoted / ordinary).toBeGreaterThan(2.3);
    expect(promoted / ordinary).toBeLessThan(3.7);
    expect(ordinary).toBeGreaterThan(50 * WEEK[280 % 7]! * 0.8);
    expect(ordinary).toBeLessThan(50 * WEEK[280 % 7]! * 1.2);
  });

  it('trained in shares (one per thread) and joined, it is the model trained on all series at once', () => {
    const set = Array.from({ length: 12 }, (_, i) => promoSeries(3 + 5 * i, 200, i + 40)).map((s) => ({ values: s.values, regressors: { promo: s.promo } }));
    const options = { horizon: 14, seasonPeriod: 7, regressors: ['promo'] };
    const whole = trainPooledRegression(set, options);
    const joined = solvePooledRegression([accumulatePooledRegression(set.slice(0, 5), options), accumulatePooledRegression(set.slice(5), options)], options);
    expect(joined.samples).toBe(whole.samples);
    joined.weights.forEach((w, i) => expect(w).toBeCloseTo(whole.weights[i]!, 9));
  });

  it('a global model without regressors forecasts a new series\' weekly shape from its own lags', () => {
    const set = Array.from({ length: 20 }, (_, i) => ({ values: Array.from({ length: 200 }, (_, t) => (3 + i) * WEEK[t % 7]!) }));
    const model = trainPooledRegression(set, { horizon: 14, seasonPeriod: 7 });
    const fresh = Array.from({ length: 200 }, (_, t) => 40 * WEEK[t % 7]!);
    pooledRegressionModel(model, fresh).forecastAt(200, 14).forEach((v, k) => expect(v).toBeCloseTo(40 * WEEK[(200 + k) % 7]!, 0));
  });

  it('without regressors a series\' own regression repeats its weekly shape', () => {
    const values = Array.from({ length: 200 }, (_, t) => 10 * WEEK[t % 7]!);
    const forecast = localRegression(values, 7, 14).forecastAt(200, 14);
    forecast.forEach((v, k) => expect(v).toBeCloseTo(10 * WEEK[(200 + k) % 7]!, 0));
  });

  it('joins automatic selection when regressors are given, and wins where promotions drive demand', () => {
    const { values, promo } = promoSeries(20, 364 + 28, 5);
    const train = values.slice(0, 364);
    const withPromo = forecastSeries(train, { horizon: 28, seasonPeriod: 7, regressors: { promo } });
    const without = forecastSeries(train, { horizon: 28, seasonPeriod: 7 });
    expect(withPromo.method).toBe('pooled-regression');
    const error = (mean: number[]): number => mean.reduce((s, v, k) => s + Math.abs(v - values[364 + k]!), 0);
    expect(error(withPromo.mean)).toBeLessThan(0.7 * error(without.mean));
  });
});
