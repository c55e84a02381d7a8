import { describe, expect, it } from 'vitest';
import { fitSes, sesWithAlpha } from './ses.ts';

describe('simple exponential smoothing', () => {
  it('matches a hand computation with α = 0.5', () => {
    // level: 1 → 1 + 0.5·(2 − 1) = 1.5 → 1.5 + 0.5·(3 − 1.5) = 2.25
    const model = sesWithAlpha([1, 2, 3], 0.5);
    expect(model.forecastAt(3, 2)).toEqual([2.25, 2.25]);
    expect(model.residuals).toEqual([1, 1.5]);
  });

  it('forecasts a constant series as that constant', () => {
    expect(fitSes(new Array(30).fill(7)).forecastAt(30, 3)).toEqual([7, 7, 7]);
  });

  it('picks a large α for a random walk and a small one for noise around a level', () => {
    const walk = Array.from({ length: 60 }, (_, t) => 100 + 10 * t);
    const noise = Array.from({ length: 60 }, (_, t) => 50 + (t % 2 === 0 ? 3 : -3));
    expect(fitSes(walk).params.alpha).toBeGreaterThan(0.9);
    expect(fitSes(noise).params.alpha).toBeLessThan(0.1);
  });
});
