import { describe, expect, it } from 'vitest';
import { trendModelWith } from './trend-model.ts';
import { fitHolt } from './holt.ts';
import { fitDampedTrend } from './damped-trend.ts';

describe('Holt (additive trend)', () => {
  it('matches a hand computation with α = 0.5, β = 0.1', () => {
    const model = trendModelWith([0, 2, 4, 6, 9], 'holt', { alpha: 0.5, beta: 0.1, phi: 1 });
    // start l = 0, b = (6 − 0)/3 = 2; steps 1–3 are exact; at t = 4: ŷ = 8, e = 1, l = 8.5, b = 2.1
    expect(model.forecastAt(5, 2)).toEqual([10.6, 12.7]);
    expect(model.residuals).toEqual([0, 0, 0, 1]);
  });

  it('extrapolates a straight line exactly', () => {
    const line = Array.from({ length: 20 }, (_, t) => 5 + 3 * t);
    const forecast = fitHolt(line).forecastAt(20, 3);
    forecast.forEach((v, k) => expect(v).toBeCloseTo(5 + 3 * (20 + k), 6));
  });

  it('forecasts a constant series as that constant', () => {
    fitHolt(new Array(25).fill(4)).forecastAt(25, 4).forEach((v) => expect(v).toBeCloseTo(4, 9));
  });
});

describe('damped trend', () => {
  it('lets the trend fade: each step adds φ times the previous increment', () => {
    const model = trendModelWith([0, 2, 4, 6], 'damped-trend', { alpha: 0.5, beta: 0.1, phi: 0.9 });
    const f = model.forecastAt(4, 4);
    const steps = f.slice(1).map((v, k) => v - f[k]!);
    expect(steps[1]! / steps[0]!).toBeCloseTo(0.9, 9);
    expect(steps[2]! / steps[1]!).toBeCloseTo(0.9, 9);
  });

  it('keeps φ inside [0.8, 0.98]', () => {
    const phi = fitDampedTrend(Array.from({ length: 40 }, (_, t) => t * t)).params.phi!;
    expect(phi).toBeGreaterThanOrEqual(0.8);
    expect(phi).toBeLessThanOrEqual(0.98);
  });
});
