import { describe, expect, it } from 'vitest';
import { seededRandom, normalDraw } from '../seeded-random.ts';
import { aic, arimaModel, expand, fitArimaOrder, type ArimaOrder } from './arima.ts';
import { fitAutoArima } from './auto-arima.ts';
import { fitFastArima } from './fast-arima.ts';

const order = (p: number, d: number, q: number, P = 0, D = 0, Q = 0, m = 1): ArimaOrder => ({ p, d, q, P, D, Q, m });

function ar1(phi: number, mean: number, n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const y = [mean];
  for (let t = 1; t < n; t++) y.push(mean + phi * (y[t - 1]! - mean) + normalDraw(random));
  return y;
}

describe('ARIMA by conditional sum of squares', () => {
  it('recovers an AR(1) coefficient and mean', () => {
    const y = ar1(0.6, 10, 2000, 1);
    const fit = fitArimaOrder(y, order(1, 0, 0), 200);
    expect(fit.params[0]).toBeCloseTo(0.6, 1);
    // c = μ(1 − φ)
    expect(fit.params[1]! / (1 - fit.params[0]!)).toBeCloseTo(10, 0);
  });

  it('expands (1 − φB)(1 − B⁷) into one y-space AR polynomial', () => {
    const { ar, ma, c } = expand(order(1, 0, 1, 0, 1, 1, 7), [0.5, 0.3, -0.4]);
    // y_t = 0.5·y_{t−1} + y_{t−7} − 0.5·y_{t−8} + ...
    expect(ar.map((v) => v + 0)).toEqual([0.5, 0, 0, 0, 0, 0, 1, -0.5]);
    // (1 + 0.3B)(1 − 0.4B⁷) = 1 + 0.3B − 0.4B⁷ − 0.12B⁸
    expect(ma.map((v) => Number(v.toFixed(6)) + 0)).toEqual([0.3, 0, 0, 0, 0, 0, -0.4, -0.12]);
    expect(c).toBe(0);
  });

  it('forecasts an AR(1) back towards its mean at the rate φ', () => {
    const model = arimaModel([10, 10, 14], { order: order(1, 0, 0), params: [0.5, 5], sse: 0, used: 1 });
    // mean 10: 14 → 10 + 0.5·4 = 12 → 11 → 10.5
    expect(model.forecastAt(3, 3)).toEqual([12, 11, 10.5]);
  });

  it('AutoARIMA prefers AR(1) on AR(1) data by AIC over AR(2) and ARMA(1,1) fits of similar SSE', () => {
    const y = ar1(0.7, 0, 600, 3);
    const model = fitAutoArima(y, 1, false);
    expect(model.params.p).toBe(1);
    const fits = [order(1, 0, 0), order(2, 0, 0)].map((o) => fitArimaOrder(y, o));
    expect(aic(fits[0]!)).toBeLessThan(aic(fits[1]!) + 2);
  });
});

describe('ARIMA by Hannan–Rissanen (the engine candidate)', () => {
  it('recovers an AR(1) coefficient without a likelihood search', () => {
    const model = fitFastArima(ar1(0.6, 20, 2000, 5), 1, false);
    expect(model.params.coef1).toBeCloseTo(0.6, 1);
    expect(Math.abs(model.params.coef2!)).toBeLessThan(0.15);
  });

  it('repeats a strict weekly cycle through the seasonal difference', () => {
    const week = [5, 6, 7, 8, 12, 15, 9];
    const random = seededRandom(9);
    const y = Array.from({ length: 210 }, (_, t) => week[t % 7]! + 0.1 * normalDraw(random));
    const forecast = fitFastArima(y, 7, true).forecastAt(210, 7);
    forecast.forEach((v, k) => expect(v).toBeCloseTo(week[(210 + k) % 7]!, 0));
  });
});

describe('the engine ARIMA model (its own three-lag recursion)', () => {
  it('forecasts and leaves residuals exactly as the general polynomial expansion of the same order', () => {
    const random = seededRandom(17);
    const week = [5, 6, 7, 8, 12, 15, 9];
    const y = Array.from({ length: 140 }, (_, t) => week[t % 7]! + 2 * normalDraw(random));
    for (const seasonal of [true, false]) {
      const fast = fitFastArima(y, 7, seasonal);
      const { coef1, coef2, coef3 } = fast.params;
      const general = arimaModel(y, {
        order: seasonal ? order(1, 0, 1, 0, 1, 1, 7) : order(1, 0, 1),
        params: [coef1!, coef2!, coef3!],
        sse: 0,
        used: 1,
      });
      for (const origin of [3, 9, 70, 140]) {
        const a = fast.forecastAt(origin, 14);
        general.forecastAt(origin, 14).forEach((v, k) => expect(a[k]).toBeCloseTo(v, 9));
      }
      expect(fast.residuals.length).toBe(general.residuals.length);
      general.residuals.forEach((v, i) => expect(fast.residuals[i]).toBeCloseTo(v, 9));
    }
  });
});
